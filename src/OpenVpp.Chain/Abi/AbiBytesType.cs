namespace OpenVpp.Chain.Abi;

/// <summary><c>bytes</c>: length word, then the bytes right-padded to a multiple of 32; values are byte arrays.</summary>
public sealed class AbiBytesType : AbiType
{
    public static AbiBytesType Instance { get; } = new();

    private AbiBytesType()
    {
    }

    public override string Canonical => "bytes";

    public override bool IsDynamic => true;

    public override int HeadSize => WordSize;
}
