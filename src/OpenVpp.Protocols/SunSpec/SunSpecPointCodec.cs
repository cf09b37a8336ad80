using System.Globalization;
using System.Net;
using System.Text;
using OpenVpp.Protocols.SunSpec.Definitions;

namespace OpenVpp.Protocols.SunSpec;

/// <summary>
/// Reads and writes one point's registers (big-endian words, high word first), with each type's "not implemented"
/// value turned into null so it can never be mistaken for a number: int16 0x8000, uint16/enum16/bitfield16 0xFFFF,
/// int32 0x80000000, uint32/enum32/bitfield32 0xFFFFFFFF, the 64-bit equivalents, acc16/32/64 0, sunssf 0x8000,
/// float NaN, strings and IPv4/IPv6 addresses all zero, EUI-48 all ones.
/// </summary>
public static class SunSpecPointCodec
{
    /// <summary>Whether the type is an integer (including enums, bitfields, accumulators and scale factors).</summary>
    public static bool IsInteger(SunSpecPointType type) => type is not (SunSpecPointType.Float32 or SunSpecPointType.Float64
        or SunSpecPointType.String or SunSpecPointType.IpAddr or SunSpecPointType.Ipv6Addr or SunSpecPointType.Eui48 or SunSpecPointType.Pad);

    /// <summary>The integer in <paramref name="registers"/>, or null when it is the type's "not implemented" value.</summary>
    public static Int128? ReadInteger(SunSpecPointType type, ReadOnlySpan<ushort> registers)
    {
        ulong bits = 0;
        foreach (var register in registers)
        {
            bits = (bits << 16) | register;
        }

        return type switch
        {
            SunSpecPointType.Int16 or SunSpecPointType.SunSsf => bits == 0x8000 ? null : unchecked((short)(ushort)bits),
            SunSpecPointType.Int32 => bits == 0x8000_0000 ? null : unchecked((int)(uint)bits),
            SunSpecPointType.Int64 => bits == 0x8000_0000_0000_0000 ? null : unchecked((long)bits),
            SunSpecPointType.UInt16 or SunSpecPointType.Enum16 or SunSpecPointType.Bitfield16 => bits == 0xFFFF ? null : bits,
            SunSpecPointType.UInt32 or SunSpecPointType.Enum32 or SunSpecPointType.Bitfield32 => bits == 0xFFFF_FFFF ? null : bits,
            SunSpecPointType.UInt64 or SunSpecPointType.Bitfield64 => bits == ulong.MaxValue ? null : bits,
            SunSpecPointType.Acc16 or SunSpecPointType.Acc32 or SunSpecPointType.Acc64 => bits == 0 ? null : bits,
            SunSpecPointType.Count => bits,
            _ => throw new ArgumentOutOfRangeException(nameof(type), $"{type} is not an integer type."),
        };
    }

    /// <summary>The float in <paramref name="registers"/>, or null when NaN ("not implemented").</summary>
    public static double? ReadFloat(SunSpecPointType type, ReadOnlySpan<ushort> registers)
    {
        if (type == SunSpecPointType.Float32 && registers.Length >= 2)
        {
            var value = BitConverter.UInt32BitsToSingle(((uint)registers[0] << 16) | registers[1]);
            return float.IsNaN(value) ? null : value;
        }

        if (type == SunSpecPointType.Float64 && registers.Length >= 4)
        {
            var bits = ((ulong)registers[0] << 48) | ((ulong)registers[1] << 32) | ((ulong)registers[2] << 16) | registers[3];
            var value = BitConverter.UInt64BitsToDouble(bits);
            return double.IsNaN(value) ? null : value;
        }

        throw new ArgumentOutOfRangeException(nameof(type), $"{type} with {registers.Length} registers is not a float.");
    }

    /// <summary>Strings, IP addresses and EUI-48 as text, or null when "not implemented".</summary>
    public static string? ReadText(SunSpecPointType type, ReadOnlySpan<ushort> registers)
    {
        var bytes = new byte[registers.Length * 2];
        for (var i = 0; i < registers.Length; i++)
        {
            bytes[2 * i] = (byte)(registers[i] >> 8);
            bytes[(2 * i) + 1] = unchecked((byte)registers[i]);
        }

        switch (type)
        {
            case SunSpecPointType.String:
                {
                    var end = Array.IndexOf(bytes, (byte)0);
                    var text = Encoding.UTF8.GetString(bytes, 0, end < 0 ? bytes.Length : end).TrimEnd();
                    return text.Length == 0 ? null : text;
                }

            case SunSpecPointType.IpAddr or SunSpecPointType.Ipv6Addr:
                return bytes.All(b => b == 0) ? null : new IPAddress(bytes).ToString();
            case SunSpecPointType.Eui48:
                {
                    // Four registers: the first two bytes are padding, the last six the address.
                    var address = bytes.AsSpan(Math.Max(0, bytes.Length - 6));
                    return address.IndexOfAnyExcept((byte)0xFF) < 0 ? null : string.Join(':', address.ToArray().Select(b => b.ToString("X2", CultureInfo.InvariantCulture)));
                }

            default:
                throw new ArgumentOutOfRangeException(nameof(type), $"{type} is not a text type.");
        }
    }

    /// <summary>
    /// The registers that hold <paramref name="raw"/> for an integer point; throws <see cref="ArgumentOutOfRangeException"/>
    /// when the value does not fit the type or is the type's "not implemented" value.
    /// </summary>
    public static ushort[] WriteInteger(SunSpecPointType type, int size, Int128 raw)
    {
        var (min, max, notImplemented) = type switch
        {
            SunSpecPointType.Int16 or SunSpecPointType.SunSsf => ((Int128)short.MinValue, (Int128)short.MaxValue, (Int128?)short.MinValue),
            SunSpecPointType.Int32 => (int.MinValue, int.MaxValue, int.MinValue),
            SunSpecPointType.Int64 => (long.MinValue, long.MaxValue, long.MinValue),
            SunSpecPointType.UInt16 or SunSpecPointType.Enum16 or SunSpecPointType.Bitfield16 => (0, ushort.MaxValue, ushort.MaxValue),
            SunSpecPointType.UInt32 or SunSpecPointType.Enum32 or SunSpecPointType.Bitfield32 => (0, uint.MaxValue, uint.MaxValue),
            SunSpecPointType.UInt64 or SunSpecPointType.Bitfield64 => (0, ulong.MaxValue, ulong.MaxValue),
            SunSpecPointType.Acc16 => (1, ushort.MaxValue, 0),
            SunSpecPointType.Acc32 => (1, uint.MaxValue, 0),
            SunSpecPointType.Acc64 => (1, ulong.MaxValue, 0),
            SunSpecPointType.Count => (0, ushort.MaxValue, null),
            _ => throw new ArgumentOutOfRangeException(nameof(type), $"Cannot write a {type} point as an integer."),
        };
        if (raw < min || raw > max || raw == notImplemented)
        {
            throw new ArgumentOutOfRangeException(nameof(raw), $"{raw} does not fit a {type} point (range {min}..{max}{(notImplemented is { } ni ? $", {ni} means 'not implemented'" : string.Empty)}).");
        }

        var bits = raw < 0 ? unchecked((ulong)(long)raw) : (ulong)raw;
        var registers = new ushort[size];
        for (var i = size - 1; i >= 0; i--)
        {
            registers[i] = (ushort)(bits & 0xFFFF);
            bits >>= 16;
        }

        return registers;
    }

    /// <summary>The registers of a float32/float64 point.</summary>
    public static ushort[] WriteFloat(SunSpecPointType type, double value)
    {
        if (double.IsNaN(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), "NaN means 'not implemented' and cannot be written.");
        }

        if (type == SunSpecPointType.Float32)
        {
            var bits = BitConverter.SingleToUInt32Bits((float)value);
            return [(ushort)(bits >> 16), (ushort)(bits & 0xFFFF)];
        }

        var wide = BitConverter.DoubleToUInt64Bits(value);
        return [(ushort)(wide >> 48), (ushort)((wide >> 32) & 0xFFFF), (ushort)((wide >> 16) & 0xFFFF), (ushort)(wide & 0xFFFF)];
    }
}
