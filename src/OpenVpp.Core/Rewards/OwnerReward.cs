using System.Numerics;
using OpenVpp.Core.Accounts;

namespace OpenVpp.Core.Rewards;

/// <summary>Base units one owner earns in one epoch, for the points of all its devices.</summary>
public sealed record OwnerReward(AccountAddress Owner, BigInteger Points, BigInteger Amount);
