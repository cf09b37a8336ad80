namespace OpenVpp.Core.Wire;

/// <summary>0x-prefixed lower-case hex: the one form hashes, keys and signed readings take in every API and file.</summary>
public static class HexBytes
{
    public static string ToHex(ReadOnlySpan<byte> bytes) => "0x" + Convert.ToHexStringLower(bytes);

    /// <summary>Parses 0x followed by an even number of hex digits, nothing else (no white space, no signs).</summary>
    public static bool TryParse(string? text, out byte[] bytes)
    {
        bytes = [];
        if (text is null || !text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) || text.Length % 2 != 0)
        {
            return false;
        }

        var digits = text.AsSpan(2);
        foreach (var c in digits)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }

        bytes = Convert.FromHexString(digits);
        return true;
    }
}
