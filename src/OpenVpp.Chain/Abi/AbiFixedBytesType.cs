using System.Globalization;

namespace OpenVpp.Chain.Abi;

/// <summary><c>bytes&lt;M&gt;</c>, 1 ≤ M ≤ 32: right-padded with zeros; values are byte arrays of exactly M bytes.</summary>
public sealed class AbiFixedBytesType : AbiType
{
    public AbiFixedBytesType(int size)
    {
        if (size is < 1 or > WordSize)
        {
            throw new AbiException($"bytes<M> needs 1 <= M <= 32, got {size}.");
        }

        Size = size;
        Canonical = "bytes" + size.ToString(CultureInfo.InvariantCulture);
    }

    public int Size { get; }

    public override string Canonical { get; }

    public override bool IsDynamic => false;

    public override int HeadSize => WordSize;
}
