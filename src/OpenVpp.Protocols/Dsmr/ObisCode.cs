using System.Globalization;

namespace OpenVpp.Protocols.Dsmr;

/// <summary>
/// An OBIS reduced ID as DSMR writes it, "A-B:C.D.E" (for example 1-0:1.8.1): A the medium (0 abstract, 1
/// electricity), B the channel (0 the meter itself, 1–4 the M-Bus devices), C.D.E the quantity. Packed in one
/// integer so comparing and hashing allocate nothing.
/// </summary>
public readonly record struct ObisCode
{
    private readonly ulong _packed;

    public ObisCode(byte a, byte b, byte c, byte d, byte e) =>
        _packed = ((ulong)a << 32) | ((ulong)b << 24) | ((ulong)c << 16) | ((ulong)d << 8) | e;

    public byte A => unchecked((byte)(_packed >> 32));

    public byte B => unchecked((byte)(_packed >> 24));

    public byte C => unchecked((byte)(_packed >> 16));

    public byte D => unchecked((byte)(_packed >> 8));

    public byte E => unchecked((byte)_packed);

    /// <summary>The same code on channel <paramref name="b"/> (M-Bus codes are registered once, for channel 1).</summary>
    public ObisCode WithChannel(byte b) => new(A, b, C, D, E);

    /// <summary>Parses "A-B:C.D.E" from ASCII bytes; false when it is not one.</summary>
    public static bool TryParse(ReadOnlySpan<byte> text, out ObisCode code)
    {
        code = default;
        Span<byte> parts = stackalloc byte[5];
        ReadOnlySpan<byte> separators = "-:.."u8;
        var part = 0;
        var value = 0;
        var digits = 0;
        foreach (var c in text)
        {
            if (c is >= (byte)'0' and <= (byte)'9')
            {
                value = (value * 10) + (c - '0');
                if (++digits > 3 || value > 255)
                {
                    return false;
                }
            }
            else if (part < 4 && c == separators[part] && digits > 0)
            {
                parts[part++] = (byte)value;
                value = 0;
                digits = 0;
            }
            else
            {
                return false;
            }
        }

        if (part != 4 || digits == 0)
        {
            return false;
        }

        parts[4] = (byte)value;
        code = new ObisCode(parts[0], parts[1], parts[2], parts[3], parts[4]);
        return true;
    }

    /// <summary>Parses "A-B:C.D.E"; throws <see cref="FormatException"/> when it is not one (for constants and tests).</summary>
    public static ObisCode Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        Span<byte> bytes = stackalloc byte[text.Length];
        for (var i = 0; i < text.Length; i++)
        {
            bytes[i] = text[i] < 128 ? (byte)text[i] : (byte)'?';
        }

        return TryParse(bytes, out var code) ? code : throw new FormatException($"'{text}' is not an OBIS code like 1-0:1.8.1.");
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{A}-{B}:{C}.{D}.{E}");
}
