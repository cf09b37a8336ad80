namespace OpenVpp.Chain.Abi;

/// <summary><c>address</c>: 20 bytes, encoded like uint160 (left-padded with zeros); values are 20-byte arrays.</summary>
public sealed class AbiAddressType : AbiType
{
    public const int Length = 20;

    public static AbiAddressType Instance { get; } = new();

    private AbiAddressType()
    {
    }

    public override string Canonical => "address";

    public override bool IsDynamic => false;

    public override int HeadSize => WordSize;
}
