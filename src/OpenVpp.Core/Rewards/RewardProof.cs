using System.Numerics;
using OpenVpp.Core.Accounts;

namespace OpenVpp.Core.Rewards;

/// <summary>What an owner submits to RewardDistributor.claim: the account, its cumulative amount and the Merkle proof.</summary>
/// <param name="Account">The account paid.</param>
/// <param name="CumulativeAmount">Everything it has earned so far, in base units: the leaf's uint256.</param>
/// <param name="Proof">Sibling hashes from the leaf up, 32 bytes each, as MerkleProof.verify expects.</param>
public sealed record RewardProof(AccountAddress Account, BigInteger CumulativeAmount, IReadOnlyList<byte[]> Proof);
