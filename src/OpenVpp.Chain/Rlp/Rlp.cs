using System.Buffers.Binary;
using System.Numerics;

namespace OpenVpp.Chain.Rlp;

/// <summary>
/// Recursive Length Prefix encoding (Ethereum Yellow Paper, appendix B). Encoders come in pairs, <c>LengthOf…</c>
/// and <c>Write…</c>, so a caller can size one buffer for a whole structure and write into it without temporaries;
/// the <c>Encode…</c> methods are the allocating conveniences built on them.
/// </summary>
public static partial class Rlp
{
    /// <summary>Payloads up to this many bytes get a one-byte header; longer ones carry their length after it.</summary>
    internal const int ShortPayloadMax = 55;
    internal const byte StringOffset = 0x80;
    internal const byte LongStringOffset = 0xb7;
    internal const byte ListOffset = 0xc0;
    internal const byte LongListOffset = 0xf7;

    public static int LengthOfString(ReadOnlySpan<byte> value) =>
        value.Length == 1 && value[0] < StringOffset ? 1 : LengthOfHeader(value.Length) + value.Length;

    public static int WriteString(Span<byte> destination, ReadOnlySpan<byte> value)
    {
        // A single byte below 0x80 is its own encoding; anything else needs a header.
        if (value.Length == 1 && value[0] < StringOffset)
        {
            destination[0] = value[0];
            return 1;
        }

        var header = WriteHeader(destination, value.Length, StringOffset, LongStringOffset);
        value.CopyTo(destination[header..]);
        return header + value.Length;
    }

    public static int LengthOfInteger(ulong value)
    {
        Span<byte> buffer = stackalloc byte[8];
        return LengthOfString(MinimalBigEndian(value, buffer));
    }

    public static int WriteInteger(Span<byte> destination, ulong value)
    {
        Span<byte> buffer = stackalloc byte[8];
        return WriteString(destination, MinimalBigEndian(value, buffer));
    }

    public static int LengthOfInteger(BigInteger value)
    {
        var count = ByteCountOfUnsigned(value);
        return count switch
        {
            0 => 1,
            1 => value < StringOffset ? 1 : 2,
            _ => LengthOfHeader(count) + count,
        };
    }

    public static int WriteInteger(Span<byte> destination, BigInteger value)
    {
        var count = ByteCountOfUnsigned(value);
        Span<byte> buffer = count <= 64 ? stackalloc byte[64] : new byte[count];
        value.TryWriteBytes(buffer, out var written, isUnsigned: true, isBigEndian: true);
        return WriteString(destination, buffer[..(count == 0 ? 0 : written)]);
    }

    /// <summary>Bytes a list header takes for a payload (the encoded items, concatenated) of this length.</summary>
    public static int LengthOfListHeader(int payloadLength) => LengthOfHeader(payloadLength);

    public static int LengthOfList(int payloadLength) => LengthOfHeader(payloadLength) + payloadLength;

    /// <summary>Writes the list header; the caller writes the <paramref name="payloadLength"/> bytes of items after it.</summary>
    public static int WriteListHeader(Span<byte> destination, int payloadLength) =>
        WriteHeader(destination, payloadLength, ListOffset, LongListOffset);

    public static byte[] EncodeString(ReadOnlySpan<byte> value)
    {
        var output = new byte[LengthOfString(value)];
        WriteString(output, value);
        return output;
    }

    public static byte[] EncodeInteger(ulong value)
    {
        var output = new byte[LengthOfInteger(value)];
        WriteInteger(output, value);
        return output;
    }

    public static byte[] EncodeInteger(BigInteger value)
    {
        var output = new byte[LengthOfInteger(value)];
        WriteInteger(output, value);
        return output;
    }

    /// <summary>Wraps already-encoded items in a list.</summary>
    public static byte[] EncodeList(params ReadOnlySpan<byte[]> encodedItems)
    {
        var payload = 0;
        foreach (var item in encodedItems)
        {
            payload += item.Length;
        }

        var output = new byte[LengthOfList(payload)];
        var offset = WriteListHeader(output, payload);
        foreach (var item in encodedItems)
        {
            item.CopyTo(output, offset);
            offset += item.Length;
        }

        return output;
    }

    public static byte[] Encode(RlpItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var output = new byte[LengthOf(item)];
        Write(output, item);
        return output;
    }

    public static int LengthOf(RlpItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return item.IsList ? LengthOfList(PayloadLengthOf(item)) : LengthOfString(item.Bytes);
    }

    public static int Write(Span<byte> destination, RlpItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (!item.IsList)
        {
            return WriteString(destination, item.Bytes);
        }

        var offset = WriteListHeader(destination, PayloadLengthOf(item));
        foreach (var child in item.Items)
        {
            offset += Write(destination[offset..], child);
        }

        return offset;
    }

    internal static byte[] ToMinimalBigEndian(BigInteger value)
    {
        var count = ByteCountOfUnsigned(value);
        return count == 0 ? [] : value.ToByteArray(isUnsigned: true, isBigEndian: true);
    }

    private static int PayloadLengthOf(RlpItem list)
    {
        var payload = 0;
        foreach (var child in list.Items)
        {
            payload += LengthOf(child);
        }

        return payload;
    }

    private static int ByteCountOfUnsigned(BigInteger value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(value);
        return value.IsZero ? 0 : value.GetByteCount(isUnsigned: true);
    }

    private static ReadOnlySpan<byte> MinimalBigEndian(ulong value, Span<byte> buffer)
    {
        BinaryPrimitives.WriteUInt64BigEndian(buffer, value);
        var leadingZeroBytes = BitOperations.LeadingZeroCount(value) / 8;
        return buffer[leadingZeroBytes..];
    }

    private static int LengthOfHeader(int payloadLength) =>
        payloadLength <= ShortPayloadMax ? 1 : 1 + ByteLength((uint)payloadLength);

    private static int WriteHeader(Span<byte> destination, int payloadLength, byte shortOffset, byte longOffset)
    {
        if (payloadLength <= ShortPayloadMax)
        {
            destination[0] = (byte)(shortOffset + payloadLength);
            return 1;
        }

        var lengthOfLength = ByteLength((uint)payloadLength);
        destination[0] = (byte)(longOffset + lengthOfLength);
        Span<byte> buffer = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(buffer, (uint)payloadLength);
        buffer[(4 - lengthOfLength)..].CopyTo(destination[1..]);
        return 1 + lengthOfLength;
    }

    private static int ByteLength(uint value) => 4 - (BitOperations.LeadingZeroCount(value) / 8);
}
