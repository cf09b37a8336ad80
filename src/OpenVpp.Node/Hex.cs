using System.Globalization;

namespace OpenVpp.Node;

/// <summary>0x-prefixed lower-case hex, the form every hash and byte string takes in the node's API.</summary>
internal static class Hex
{
    public static string Of(ReadOnlySpan<byte> bytes) => "0x" + Convert.ToHexStringLower(bytes);

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

    public static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);
}
