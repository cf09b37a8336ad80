namespace OpenVpp.Chain.Tests.Abi;

/// <summary>Hex helpers for readable vectors: whitespace inside a literal is ignored so words can sit on their own lines.</summary>
internal static class Hex
{
    public static byte[] Parse(string hex)
    {
        var compact = string.Concat(hex.Where(c => !char.IsWhiteSpace(c)));
        return Convert.FromHexString(compact.StartsWith("0x", StringComparison.Ordinal) ? compact[2..] : compact);
    }

    public static string Of(ReadOnlySpan<byte> bytes) => "0x" + Convert.ToHexStringLower(bytes);

    /// <summary>A 32-byte word holding a small unsigned number, for hand-built test data.</summary>
    public static string Word(int value) => value.ToString("x64", System.Globalization.CultureInfo.InvariantCulture);
}
