using System.Globalization;
using System.Numerics;

namespace OpenVpp.Chain.Rpc;

/// <summary>
/// The two hex encodings of the Ethereum JSON-RPC spec. A quantity is "0x" plus the most compact hex digits (zero
/// is "0x0"; "0x", "0x0400" and "ff" are invalid). Data is "0x" plus two hex digits per byte ("0x" is empty).
/// Parsing is strict because these strings come from a node we do not control: anything else is a protocol error.
/// </summary>
public static class RpcHex
{
    /// <summary>The widest quantity the EVM has: 256 bits, 64 hex digits.</summary>
    public const int MaxQuantityDigits = 64;

    public static string FormatQuantity(ulong value) => "0x" + value.ToString("x", CultureInfo.InvariantCulture);

    public static string FormatQuantity(BigInteger value)
    {
        if (value.Sign < 0 || value.GetBitLength() > 256)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "A JSON-RPC quantity is an unsigned 256-bit integer.");
        }

        if (value.IsZero)
        {
            return "0x0";
        }

        // BigInteger's "x" format pads a leading 0 when the top nibble is 8 or more, to keep the sign; strip it.
        return "0x" + value.ToString("x", CultureInfo.InvariantCulture).TrimStart('0');
    }

    public static string FormatData(ReadOnlySpan<byte> bytes) => "0x" + Convert.ToHexStringLower(bytes);

    /// <summary>Parses a quantity of at most 256 bits.</summary>
    /// <exception cref="FormatException">Not a canonical quantity.</exception>
    public static BigInteger ParseQuantity(string? text)
    {
        // A leading 0 keeps BigInteger from reading a top digit of 8..f as a sign bit.
        return BigInteger.Parse("0" + QuantityDigits(text), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
    }

    /// <summary>Parses a quantity that must fit in 64 bits (block numbers, nonces, gas, timestamps).</summary>
    /// <exception cref="FormatException">Not a canonical quantity, or wider than 64 bits.</exception>
    public static ulong ParseQuantityUInt64(string? text)
    {
        var digits = QuantityDigits(text);
        return digits.Length <= 16
            ? ulong.Parse(digits, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture)
            : throw new FormatException($"Quantity {text} does not fit in 64 bits.");
    }

    /// <summary>Parses unformatted data: "0x" and an even number of hex digits.</summary>
    /// <exception cref="FormatException">Not 0x-prefixed hex with whole bytes.</exception>
    public static byte[] ParseData(string? text)
    {
        if (text is null || !text.StartsWith("0x", StringComparison.Ordinal) || text.Length % 2 != 0)
        {
            throw new FormatException($"Expected 0x-prefixed hex data with whole bytes, got {Describe(text)}.");
        }

        var digits = text.AsSpan(2);
        return digits.ContainsAnyExcept(HexDigits)
            ? throw new FormatException($"Expected 0x-prefixed hex data, got {Describe(text)}.")
            : Convert.FromHexString(digits);
    }

    /// <summary>Parses data that must be exactly <paramref name="length"/> bytes (hashes are 32).</summary>
    public static byte[] ParseData(string? text, int length)
    {
        var bytes = ParseData(text);
        return bytes.Length == length
            ? bytes
            : throw new FormatException($"Expected {length} bytes of hex data, got {bytes.Length}.");
    }

    private static readonly System.Buffers.SearchValues<char> HexDigits =
        System.Buffers.SearchValues.Create("0123456789abcdefABCDEF");

    private static string QuantityDigits(string? text)
    {
        if (text is null || text.Length < 3 || !text.StartsWith("0x", StringComparison.Ordinal))
        {
            throw new FormatException($"Expected a 0x-prefixed hex quantity, got {Describe(text)}.");
        }

        var digits = text[2..];
        if (digits.AsSpan().ContainsAnyExcept(HexDigits))
        {
            throw new FormatException($"Quantity {Describe(text)} has a character that is not a hex digit.");
        }

        if (digits.Length > 1 && digits[0] == '0')
        {
            throw new FormatException($"Quantity {Describe(text)} has leading zeros; the spec requires the compact form.");
        }

        return digits.Length <= MaxQuantityDigits
            ? digits
            : throw new FormatException($"Quantity {Describe(text)} is wider than 256 bits.");
    }

    // Node output ends up in exception messages; keep it short so a hostile node cannot flood logs through them.
    private static string Describe(string? text) =>
        text is null ? "null" : text.Length <= 80 ? $"\"{text}\"" : $"\"{text[..80]}...\" ({text.Length} chars)";
}
