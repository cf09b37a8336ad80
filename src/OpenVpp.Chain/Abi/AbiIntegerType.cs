using System.Globalization;
using System.Numerics;

namespace OpenVpp.Chain.Abi;

/// <summary><c>uint&lt;M&gt;</c> or <c>int&lt;M&gt;</c>, 8 ≤ M ≤ 256 in steps of 8; values are <see cref="BigInteger"/>.</summary>
public sealed class AbiIntegerType : AbiType
{
    public AbiIntegerType(int bits, bool isSigned)
    {
        if (bits is < 8 or > 256 || bits % 8 != 0)
        {
            throw new AbiException($"Integer width must be a multiple of 8 in 8..256, got {bits}.");
        }

        Bits = bits;
        IsSigned = isSigned;
        Canonical = (isSigned ? "int" : "uint") + bits.ToString(CultureInfo.InvariantCulture);
        MaxValue = isSigned ? (BigInteger.One << (bits - 1)) - 1 : (BigInteger.One << bits) - 1;
        MinValue = isSigned ? -(BigInteger.One << (bits - 1)) : BigInteger.Zero;
    }

    public int Bits { get; }

    public bool IsSigned { get; }

    /// <summary>Largest value that fits in M bits.</summary>
    public BigInteger MaxValue { get; }

    /// <summary>Smallest value that fits in M bits (zero when unsigned).</summary>
    public BigInteger MinValue { get; }

    public override string Canonical { get; }

    public override bool IsDynamic => false;

    public override int HeadSize => WordSize;
}
