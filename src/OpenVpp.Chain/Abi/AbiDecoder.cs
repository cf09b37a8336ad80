using System.Numerics;
using System.Text;

namespace OpenVpp.Chain.Abi;

/// <summary>
/// Strict decoder for the Solidity ABI. Every offset and length is bounds-checked against the data, and every
/// padding bit the spec fixes to zero (high bits of uintM, address and bool; low bytes of bytesM, bytes and string)
/// must be zero, and intM must be a correct sign extension; anything else throws <see cref="AbiException"/>.
/// Like Solidity, it accepts offsets that point anywhere inside the data and ignores bytes it never reads, but
/// unlike Solidity it rejects offsets that make the decoder read the same bytes twice (see <c>Spend</c>).
/// Results: <see cref="BigInteger"/>, 20-byte <c>byte[]</c>, <see cref="bool"/>, <c>byte[]</c>, <see cref="string"/>,
/// and <c>object?[]</c> for arrays and tuples.
/// </summary>
public static class AbiDecoder
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Decodes enc(value) of one value, the inverse of <see cref="AbiEncoder.Encode"/>.</summary>
    public static object? Decode(AbiType type, ReadOnlySpan<byte> data)
    {
        ArgumentNullException.ThrowIfNull(type);
        var budget = data.Length;
        return Read(type, data, 0, ref budget);
    }

    /// <summary>Decodes a parameter list (call data after the selector, return data, or an event's data).</summary>
    public static object?[] DecodeParameters(IReadOnlyList<AbiType> types, ReadOnlySpan<byte> data)
    {
        ArgumentNullException.ThrowIfNull(types);
        var budget = data.Length;
        return ReadSequence(types, data, 0, ref budget);
    }

    /// <summary>Reads enc(value) starting at <paramref name="position"/>; offsets inside it count from that position.</summary>
    private static object? Read(AbiType type, ReadOnlySpan<byte> data, int position, ref int budget)
    {
        switch (type)
        {
            case AbiIntegerType integer:
                return ReadInteger(integer, Word(data, position, ref budget));
            case AbiAddressType:
                var word = Word(data, position, ref budget);
                RequireZero(word[..12], "address has non-zero high bytes");
                return word[12..].ToArray();
            case AbiBoolType:
                var flag = Word(data, position, ref budget);
                RequireZero(flag[..31], "bool has non-zero high bytes");
                return flag[31] switch
                {
                    0 => false,
                    1 => true,
                    _ => throw new AbiException($"bool must be 0 or 1, got {flag[31]}."),
                };
            case AbiFixedBytesType fixedBytes:
                var fixedWord = Word(data, position, ref budget);
                RequireZero(fixedWord[fixedBytes.Size..], $"{type} has non-zero padding");
                return fixedWord[..fixedBytes.Size].ToArray();
            case AbiBytesType:
                return ReadBytes(data, position, ref budget).ToArray();
            case AbiStringType:
                try
                {
                    return StrictUtf8.GetString(ReadBytes(data, position, ref budget));
                }
                catch (DecoderFallbackException e)
                {
                    throw new AbiException("string is not valid UTF-8.", e);
                }

            case AbiArrayType array:
                var count = array.Length ?? ReadLength(data, position, array.Element, ref budget);
                var start = array.Length is null ? position + AbiType.WordSize : position;
                return ReadSequence(new RepeatedList(array.Element, count), data, start, ref budget);
            case AbiTupleType tuple:
                return ReadSequence(tuple.Components, data, position, ref budget);
            default:
                throw new AbiException($"Unsupported ABI type {type}.");
        }
    }

    private static object?[] ReadSequence(IReadOnlyList<AbiType> types, ReadOnlySpan<byte> data, int start, ref int budget)
    {
        var values = new object?[types.Count];
        var head = start;
        for (var i = 0; i < types.Count; i++)
        {
            var type = types[i];
            if (type.IsDynamic)
            {
                var offset = ReadSize(data, head, "offset", ref budget);
                if (offset > data.Length - start)
                {
                    throw new AbiException($"Offset {offset} of a {type} points past the end of the data.");
                }

                values[i] = Read(type, data, start + offset, ref budget);
            }
            else
            {
                values[i] = Read(type, data, head, ref budget);
            }

            head += type.HeadSize;
        }

        return values;
    }

    private static BigInteger ReadInteger(AbiIntegerType type, ReadOnlySpan<byte> word)
    {
        // Reading the word as int256 (or uint256) and range-checking enforces both the zero high bits of uintM and
        // the sign extension of intM in one comparison.
        var value = new BigInteger(word, isUnsigned: !type.IsSigned, isBigEndian: true);
        if (value > type.MaxValue || value < type.MinValue)
        {
            throw new AbiException($"Word 0x{Convert.ToHexStringLower(word)} is out of range for {type}.");
        }

        return value;
    }

    private static ReadOnlySpan<byte> ReadBytes(ReadOnlySpan<byte> data, int position, ref int budget)
    {
        var length = ReadSize(data, position, "length", ref budget);
        var start = position + AbiType.WordSize;
        var padded = (length + AbiType.WordSize - 1) / AbiType.WordSize * AbiType.WordSize;
        if (padded > data.Length - start)
        {
            throw new AbiException($"Length {length} runs past the end of the data.");
        }

        Spend(ref budget, padded);
        RequireZero(data.Slice(start + length, padded - length), "bytes/string has non-zero padding");
        return data.Slice(start, length);
    }

    private static int ReadLength(ReadOnlySpan<byte> data, int position, AbiType element, ref int budget)
    {
        var count = ReadSize(data, position, "array length", ref budget);

        // Each element takes at least one word of head, so a count the remaining data cannot hold is rejected
        // before any allocation: a 32-byte input cannot ask for a billion-element array.
        var available = (data.Length - position - AbiType.WordSize) / Math.Max(element.HeadSize, AbiType.WordSize);
        if (count > available)
        {
            throw new AbiException($"Array length {count} of {element}[] does not fit in the data.");
        }

        return count;
    }

    /// <summary>Reads a word holding an offset or length; anything beyond int range cannot be valid for an in-memory span.</summary>
    private static int ReadSize(ReadOnlySpan<byte> data, int position, string what, ref int budget)
    {
        var word = Word(data, position, ref budget);
        if (word[..28].ContainsAnyExcept((byte)0) || word[28] >= 0x80)
        {
            throw new AbiException($"The {what} at byte {position} is too large: 0x{Convert.ToHexStringLower(word)}.");
        }

        return (word[28] << 24) | (word[29] << 16) | (word[30] << 8) | word[31];
    }

    private static ReadOnlySpan<byte> Word(ReadOnlySpan<byte> data, int position, ref int budget)
    {
        if (position < 0 || position > data.Length - AbiType.WordSize)
        {
            throw new AbiException($"Data ends before the word at byte {position} (length {data.Length}).");
        }

        Spend(ref budget, AbiType.WordSize);
        return data.Slice(position, AbiType.WordSize);
    }

    /// <summary>
    /// A canonical encoding reads each byte at most once, but offsets may alias: a thousand offsets to one large
    /// bytes value would decode into a thousand copies. Charging every read against the input length caps the
    /// decoded size to the input size and rejects such amplification.
    /// </summary>
    private static void Spend(ref int budget, int bytes)
    {
        budget -= bytes;
        if (budget < 0)
        {
            throw new AbiException("The data's offsets overlap: decoding would read more bytes than the data holds.");
        }
    }

    private static void RequireZero(ReadOnlySpan<byte> bytes, string problem)
    {
        if (bytes.ContainsAnyExcept((byte)0))
        {
            throw new AbiException(problem + ".");
        }
    }
}
