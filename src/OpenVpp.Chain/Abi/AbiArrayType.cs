using System.Globalization;

namespace OpenVpp.Chain.Abi;

/// <summary>
/// <c>T[k]</c> (fixed, <see cref="Length"/> set) or <c>T[]</c> (dynamic, <see cref="Length"/> null); values are
/// <see cref="IReadOnlyList{T}"/> of element values (decoding returns <c>object?[]</c>).
/// </summary>
public sealed class AbiArrayType : AbiType
{
    /// <summary>Caps a fixed length so head sizes stay well inside <see cref="int"/> arithmetic.</summary>
    public const int MaxFixedLength = 1 << 16;

    /// <summary>Caps the static size of any type (1 MiB) so a type string alone cannot demand a huge buffer.</summary>
    public const int MaxStaticSize = 1 << 20;

    public AbiArrayType(AbiType element, int? length)
    {
        ArgumentNullException.ThrowIfNull(element);
        if (length is < 1 or > MaxFixedLength)
        {
            throw new AbiException($"Fixed array length must be in 1..{MaxFixedLength}, got {length}.");
        }

        Element = element;
        Length = length;
        Canonical = element.Canonical + (length is { } k ? "[" + k.ToString(CultureInfo.InvariantCulture) + "]" : "[]");
        IsDynamic = length is null || element.IsDynamic;
        var headSize = WordSize;
        if (!IsDynamic)
        {
            var size = (long)element.HeadSize * length!.Value;
            if (size > MaxStaticSize)
            {
                throw new AbiException($"Type {Canonical} would take {size} bytes; the limit is {MaxStaticSize}.");
            }

            headSize = (int)size;
        }

        HeadSize = headSize;
    }

    public AbiType Element { get; }

    /// <summary>The fixed length k of <c>T[k]</c>, or null for <c>T[]</c>.</summary>
    public int? Length { get; }

    public override string Canonical { get; }

    public override bool IsDynamic { get; }

    public override int HeadSize { get; }
}
