using System.Numerics;

namespace OpenVpp.Chain.Rlp;

/// <summary>A decoded RLP item: either a byte string or a list of items (Yellow Paper appendix B).</summary>
/// <remarks>
/// Decoding builds this small tree because transactions and receipts are read once and then inspected field by
/// field; encoders on hot paths write straight into a span with <see cref="Rlp"/> instead of building items.
/// </remarks>
public sealed class RlpItem
{
    private readonly byte[] _bytes;
    private readonly RlpItem[] _items;

    private RlpItem(bool isList, byte[] bytes, RlpItem[] items)
    {
        IsList = isList;
        _bytes = bytes;
        _items = items;
    }

    public bool IsList { get; }

    /// <summary>The payload of a byte string; throws for a list so a misread shape fails loudly.</summary>
    public ReadOnlySpan<byte> Bytes => IsList
        ? throw new RlpException("Expected an RLP byte string but found a list.")
        : _bytes;

    /// <summary>The children of a list; throws for a byte string.</summary>
    public IReadOnlyList<RlpItem> Items => IsList
        ? _items
        : throw new RlpException("Expected an RLP list but found a byte string.");

    public static RlpItem FromBytes(ReadOnlySpan<byte> bytes) => new(false, bytes.ToArray(), []);

    public static RlpItem List(params IEnumerable<RlpItem> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        return new(true, [], [.. items]);
    }

    /// <summary>An unsigned integer as RLP stores it: minimal big-endian bytes, zero as the empty string.</summary>
    public static RlpItem FromInteger(BigInteger value) => new(false, Rlp.ToMinimalBigEndian(value), []);

    /// <summary>Reads this byte string as a canonical unsigned integer (no leading zero bytes).</summary>
    public BigInteger ToBigInteger()
    {
        var bytes = Bytes;
        if (bytes.Length > 0 && bytes[0] == 0)
        {
            throw new RlpException("RLP integer has a leading zero byte; integers must be minimal big-endian.");
        }

        return new BigInteger(bytes, isUnsigned: true, isBigEndian: true);
    }

    /// <summary>Reads this byte string as a canonical unsigned integer that must fit in 64 bits.</summary>
    public ulong ToUInt64()
    {
        var bytes = Bytes;
        if (bytes.Length > 8)
        {
            throw new RlpException($"RLP integer of {bytes.Length} bytes does not fit in 64 bits.");
        }

        return (ulong)ToBigInteger();
    }

    /// <summary>Structural equality, so round-trip tests can compare trees.</summary>
    public bool StructurallyEquals(RlpItem other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (IsList != other.IsList)
        {
            return false;
        }

        if (!IsList)
        {
            return _bytes.AsSpan().SequenceEqual(other._bytes);
        }

        if (_items.Length != other._items.Length)
        {
            return false;
        }

        for (var i = 0; i < _items.Length; i++)
        {
            if (!_items[i].StructurallyEquals(other._items[i]))
            {
                return false;
            }
        }

        return true;
    }

    public override string ToString() => IsList
        ? "[" + string.Join(", ", _items.Select(i => i.ToString())) + "]"
        : "0x" + Convert.ToHexStringLower(_bytes);
}
