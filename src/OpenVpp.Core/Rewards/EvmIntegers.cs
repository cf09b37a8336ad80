using System.Numerics;

namespace OpenVpp.Core.Rewards;

/// <summary>Bounds of the Solidity integer types amounts end up in, checked before a value could be truncated on-chain.</summary>
internal static class EvmIntegers
{
    public static BigInteger MaxUint128 { get; } = (BigInteger.One << 128) - 1;

    public static BigInteger MaxUint256 { get; } = (BigInteger.One << 256) - 1;
}
