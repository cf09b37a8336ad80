namespace OpenVpp.Chain.Abi;

/// <summary><c>bool</c>: encoded as uint8 restricted to 0 and 1; values are <see cref="bool"/>.</summary>
public sealed class AbiBoolType : AbiType
{
    public static AbiBoolType Instance { get; } = new();

    private AbiBoolType()
    {
    }

    public override string Canonical => "bool";

    public override bool IsDynamic => false;

    public override int HeadSize => WordSize;
}
