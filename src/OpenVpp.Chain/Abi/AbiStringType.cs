namespace OpenVpp.Chain.Abi;

/// <summary><c>string</c>: encoded as <c>bytes</c> holding UTF-8; values are <see cref="string"/>.</summary>
public sealed class AbiStringType : AbiType
{
    public static AbiStringType Instance { get; } = new();

    private AbiStringType()
    {
    }

    public override string Canonical => "string";

    public override bool IsDynamic => true;

    public override int HeadSize => WordSize;
}
