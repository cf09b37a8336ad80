namespace OpenVpp.Core.Tests.TestSupport;

/// <summary>0x-prefixed lower-case hex, the form Ethereum tooling (and OpenZeppelin's merkle-tree) prints.</summary>
public static class Hex
{
    public static string To0x(ReadOnlySpan<byte> bytes) => "0x" + Convert.ToHexStringLower(bytes);

    public static byte[] From(string hex) =>
        Convert.FromHexString(hex.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? hex[2..] : hex);
}
