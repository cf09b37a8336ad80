namespace OpenVpp.Chain.Tests.Support;

/// <summary>Hex helpers for test vectors, which are written with or without a 0x prefix.</summary>
internal static class Hex
{
    public static byte[] Decode(string hex) =>
        Convert.FromHexString(hex.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? hex[2..] : hex);

    public static string Encode(ReadOnlySpan<byte> bytes) => "0x" + Convert.ToHexStringLower(bytes);
}
