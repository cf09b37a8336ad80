using System.Numerics;

namespace OpenVpp.Core.Rewards;

/// <summary>OVPP amounts are integers of base units, 18 decimals like ether, so they map one to one onto the token's uint256.</summary>
public static class Ovpp
{
    public const int Decimals = 18;

    public static BigInteger BaseUnitsPerToken { get; } = BigInteger.Pow(10, Decimals);

    /// <summary>Base units of <paramref name="tokens"/> whole tokens.</summary>
    public static BigInteger FromTokens(long tokens) => tokens * BaseUnitsPerToken;
}
