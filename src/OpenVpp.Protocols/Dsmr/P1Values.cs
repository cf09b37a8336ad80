using System.Text;

namespace OpenVpp.Protocols.Dsmr;

/// <summary>
/// Span parsers for the pieces of a P1 value: numbers (invariant, '.' decimal point, never the culture's), units,
/// hex-encoded text. No allocation except for the strings kept in the result.
/// </summary>
internal static class P1Values
{
    /// <summary>Parses "001581.123" (optionally signed) exactly into a decimal; false for anything else.</summary>
    public static bool TryParseNumber(ReadOnlySpan<byte> text, out decimal value)
    {
        value = 0;
        var negative = false;
        if (!text.IsEmpty && text[0] is (byte)'-' or (byte)'+')
        {
            negative = text[0] == '-';
            text = text[1..];
        }

        ulong mantissa = 0;
        byte scale = 0;
        var digits = 0;
        var seenPoint = false;
        foreach (var c in text)
        {
            if (c is >= (byte)'0' and <= (byte)'9')
            {
                // 19 significant digits always fit a ulong; meters send at most 12.
                if (mantissa != 0 && ++digits > 19)
                {
                    return false;
                }

                mantissa = (mantissa * 10) + (ulong)(c - '0');
                if (seenPoint)
                {
                    scale++;
                }
            }
            else if (c == '.' && !seenPoint)
            {
                seenPoint = true;
            }
            else
            {
                return false;
            }
        }

        if (text.IsEmpty || (seenPoint && text.Length == 1) || scale > 28)
        {
            return false;
        }

        value = new decimal(unchecked((int)(uint)mantissa), unchecked((int)(uint)(mantissa >> 32)), 0, negative, scale);
        return true;
    }

    /// <summary>Splits "value*unit" and parses the number; the unit is empty when there is no '*'.</summary>
    public static bool TryParseQuantity(ReadOnlySpan<byte> field, out decimal value, out ReadOnlySpan<byte> unit)
    {
        var star = field.IndexOf((byte)'*');
        unit = star < 0 ? [] : field[(star + 1)..];
        return TryParseNumber(star < 0 ? field : field[..star], out value);
    }

    /// <summary>The unit as a shared string (no allocation for the units DSMR uses).</summary>
    public static string Unit(ReadOnlySpan<byte> unit) => unit switch
    {
        [] => string.Empty,
        _ when unit.SequenceEqual("kWh"u8) => "kWh",
        _ when unit.SequenceEqual("Wh"u8) => "Wh",
        _ when unit.SequenceEqual("kW"u8) => "kW",
        _ when unit.SequenceEqual("W"u8) => "W",
        _ when unit.SequenceEqual("V"u8) => "V",
        _ when unit.SequenceEqual("A"u8) => "A",
        _ when unit.SequenceEqual("m3"u8) => "m3",
        _ when unit.SequenceEqual("s"u8) => "s",
        _ when unit.SequenceEqual("kvarh"u8) => "kvarh",
        _ when unit.SequenceEqual("varh"u8) => "varh",
        _ when unit.SequenceEqual("kvar"u8) => "kvar",
        _ when unit.SequenceEqual("var"u8) => "var",
        _ when unit.SequenceEqual("kVA"u8) => "kVA",
        _ when unit.SequenceEqual("GJ"u8) => "GJ",
        _ => Ascii(unit),
    };

    public static string Ascii(ReadOnlySpan<byte> text) => text.IsEmpty ? string.Empty : Encoding.Latin1.GetString(text);

    /// <summary>
    /// Hex-encoded ASCII ("4B3845…" → "K8E…") decoded when every byte is printable; otherwise the text as sent
    /// (some meters send digits that only look like hex).
    /// </summary>
    public static string HexText(ReadOnlySpan<byte> field)
    {
        if (field.IsEmpty || field.Length % 2 != 0 || field.Length > 2048)
        {
            return Ascii(field);
        }

        Span<char> decoded = stackalloc char[field.Length / 2];
        for (var i = 0; i < decoded.Length; i++)
        {
            var hi = HexDigit(field[2 * i]);
            var lo = HexDigit(field[(2 * i) + 1]);
            var c = (hi << 4) | lo;
            if (hi < 0 || lo < 0 || c < 0x20 || c > 0x7E)
            {
                return Ascii(field);
            }

            decoded[i] = (char)c;
        }

        return new string(decoded);
    }

    public static int HexDigit(byte c) => c switch
    {
        >= (byte)'0' and <= (byte)'9' => c - '0',
        >= (byte)'A' and <= (byte)'F' => c - 'A' + 10,
        >= (byte)'a' and <= (byte)'f' => c - 'a' + 10,
        _ => -1,
    };

    /// <summary>A whole number of Wh or W from kWh/kW (×1000) or Wh/W (×1), rounded half away from zero.</summary>
    public static long Scaled(decimal value, bool kilo) =>
        (long)decimal.Round(kilo ? value * 1000m : value, MidpointRounding.AwayFromZero);
}
