namespace OpenVpp.Chain.Abi;

/// <summary>
/// A Solidity ABI type. Two types are equal when their canonical strings are, which is also what selectors hash.
/// </summary>
public abstract class AbiType : IEquatable<AbiType>
{
    /// <summary>Size of one head slot; every word in the ABI is 32 bytes.</summary>
    public const int WordSize = 32;

    /// <summary>The canonical spelling, e.g. <c>uint256</c> or <c>(address,bool)[]</c>.</summary>
    public abstract string Canonical { get; }

    /// <summary>Whether the value is encoded in the tail behind an offset (bytes, string, T[], and anything containing those).</summary>
    public abstract bool IsDynamic { get; }

    /// <summary>Bytes the type takes in the head of an enclosing tuple: 32 for dynamic types, the full encoding otherwise.</summary>
    public abstract int HeadSize { get; }

    /// <summary>Parses a canonical type string; throws <see cref="AbiException"/> with the position of the problem.</summary>
    public static AbiType Parse(string text) => AbiTypeParser.Parse(text);

    public bool Equals(AbiType? other) => other is not null && other.Canonical == Canonical;

    public override bool Equals(object? obj) => obj is AbiType other && Equals(other);

    public override int GetHashCode() => Canonical.GetHashCode(StringComparison.Ordinal);

    public override string ToString() => Canonical;
}
