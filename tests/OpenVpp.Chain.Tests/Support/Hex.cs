namespace OpenVpp.Chain.Tests.Support;

/// <summary>Hex helpers for test vectors, which are written with or without a 0x prefix.</summary>
internal static class Hex
{
    public static byte[] Decode(string hex) =>
        Convert.FromHexString(hex.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? hex[2..] : hex);

    public static string Encode(ReadOnlySpan<byte> bytes) => "0x" + Convert.ToHexStringLower(bytes);

    /// <summary>Like <see cref="Decode"/>, ignoring white space so a vector's 32-byte words can sit on their own lines.</summary>
    public static byte[] Parse(string hex) => Decode(string.Concat(hex.Where(c => !char.IsWhiteSpace(c))));

    public static string Of(ReadOnlySpan<byte> bytes) => Encode(bytes);

    /// <summary>A 32-byte word holding a small unsigned number, for hand-built ABI data.</summary>
    public static string Word(int value) => value.ToString("x64", System.Globalization.CultureInfo.InvariantCulture);
}
