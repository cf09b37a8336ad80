using System.Buffers.Binary;
using System.Numerics;
using System.Text;

namespace OpenVpp.Chain.Abi;

/// <summary>
/// Encodes values per the Solidity ABI spec. Two passes: the exact size is computed first, then everything is
/// written into one buffer, so nested tails never get copied. Values: <see cref="BigInteger"/> (or any built-in
/// integer) for ints, 20-byte arrays for addresses, <see cref="bool"/>, byte arrays for bytes and bytes&lt;M&gt;,
/// <see cref="string"/>, and <see cref="IReadOnlyList{T}"/> of values for arrays and tuples.
/// </summary>
public static class AbiEncoder
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>enc(value) for one value; a dynamic type has no leading offset here (it is not inside a tuple).</summary>
    public static byte[] Encode(AbiType type, object? value)
    {
        ArgumentNullException.ThrowIfNull(type);
        var output = new byte[Size(type, value)];
        Write(type, value, output);
        return output;
    }

    /// <summary>Encodes a parameter list (what follows the selector in call data, or the whole of return data).</summary>
    public static byte[] EncodeParameters(IReadOnlyList<AbiType> types, IReadOnlyList<object?> values)
    {
        ArgumentNullException.ThrowIfNull(types);
        ArgumentNullException.ThrowIfNull(values);
        if (types.Count != values.Count)
        {
            throw new AbiException($"Expected {types.Count} values, got {values.Count}.");
        }

        var output = new byte[SequenceSize(types, values)];
        WriteSequence(types, values, output);
        return output;
    }

    private static int Size(AbiType type, object? value)
    {
        switch (type)
        {
            case AbiBytesType:
                return AbiType.WordSize + PaddedLength(AsBytes(type, value).Length);
            case AbiStringType:
                return AbiType.WordSize + PaddedLength(Utf8Length(value));
            case AbiArrayType array:
                var items = AsList(array, value);
                var size = SequenceSize(new RepeatedList(array.Element, items.Count), items);
                return array.Length is null ? checked(AbiType.WordSize + size) : size;
            case AbiTupleType tuple:
                return SequenceSize(tuple.Components, AsList(tuple, value));
            default:
                return type.HeadSize;
        }
    }

    private static int SequenceSize(IReadOnlyList<AbiType> types, IReadOnlyList<object?> values)
    {
        var size = 0;
        for (var i = 0; i < types.Count; i++)
        {
            size = checked(size + (types[i].IsDynamic ? AbiType.WordSize + Size(types[i], values[i]) : types[i].HeadSize));
        }

        return size;
    }

    /// <summary>Writes enc(value) at the start of <paramref name="output"/>, which is at least Size(type, value) long.</summary>
    private static void Write(AbiType type, object? value, Span<byte> output)
    {
        switch (type)
        {
            case AbiIntegerType integer:
                WriteInteger(integer, AsInteger(integer, value), output);
                break;
            case AbiAddressType:
                var address = AsBytes(type, value);
                if (address.Length != AbiAddressType.Length)
                {
                    throw new AbiException($"An address needs 20 bytes, got {address.Length}.");
                }

                address.CopyTo(output[12..]);
                break;
            case AbiBoolType:
                output[AbiType.WordSize - 1] = value is bool flag
                    ? (byte)(flag ? 1 : 0)
                    : throw new AbiException($"bool needs a bool value, got {Describe(value)}.");
                break;
            case AbiFixedBytesType fixedBytes:
                var bytes = AsBytes(type, value);
                if (bytes.Length != fixedBytes.Size)
                {
                    throw new AbiException($"{type} needs exactly {fixedBytes.Size} bytes, got {bytes.Length}.");
                }

                bytes.CopyTo(output);
                break;
            case AbiBytesType:
                WriteBytes(AsBytes(type, value), output);
                break;
            case AbiStringType:
                WriteBytes(StrictUtf8.GetBytes((string)value!), output);
                break;
            case AbiArrayType array:
                var items = AsList(array, value);
                if (array.Length is null)
                {
                    BinaryPrimitives.WriteInt32BigEndian(output[28..32], items.Count);
                    output = output[AbiType.WordSize..];
                }

                WriteSequence(new RepeatedList(array.Element, items.Count), items, output);
                break;
            case AbiTupleType tuple:
                WriteSequence(tuple.Components, AsList(tuple, value), output);
                break;
            default:
                throw new AbiException($"Unsupported ABI type {type}.");
        }
    }

    /// <summary>Heads in order, then the tails of dynamic items, each head holding its tail's offset from the sequence start.</summary>
    private static void WriteSequence(IReadOnlyList<AbiType> types, IReadOnlyList<object?> values, Span<byte> output)
    {
        var tail = 0;
        for (var i = 0; i < types.Count; i++)
        {
            tail += types[i].HeadSize;
        }

        var head = 0;
        for (var i = 0; i < types.Count; i++)
        {
            var type = types[i];
            if (type.IsDynamic)
            {
                BinaryPrimitives.WriteInt32BigEndian(output.Slice(head + 28, 4), tail);
                var size = Size(type, values[i]);
                Write(type, values[i], output.Slice(tail, size));
                tail += size;
            }
            else
            {
                Write(type, values[i], output.Slice(head, type.HeadSize));
            }

            head += type.HeadSize;
        }
    }

    private static void WriteInteger(AbiIntegerType type, BigInteger value, Span<byte> word)
    {
        if (value > type.MaxValue || value < type.MinValue)
        {
            throw new AbiException($"{value} does not fit in {type}.");
        }

        // Two's complement, sign-extended to the full word: a negative value fills the unused high bytes with 0xff.
        var length = value.GetByteCount(isUnsigned: value.Sign >= 0);
        word[..(AbiType.WordSize - length)].Fill(value.Sign < 0 ? (byte)0xff : (byte)0);
        value.TryWriteBytes(word[(AbiType.WordSize - length)..AbiType.WordSize], out _, isUnsigned: value.Sign >= 0, isBigEndian: true);
    }

    private static void WriteBytes(ReadOnlySpan<byte> bytes, Span<byte> output)
    {
        BinaryPrimitives.WriteInt32BigEndian(output[28..32], bytes.Length);
        bytes.CopyTo(output[AbiType.WordSize..]);
    }

    private static int PaddedLength(int length) => checked((length + AbiType.WordSize - 1) / AbiType.WordSize * AbiType.WordSize);

    private static int Utf8Length(object? value)
    {
        if (value is not string text)
        {
            throw new AbiException($"string needs a string value, got {Describe(value)}.");
        }

        try
        {
            return StrictUtf8.GetByteCount(text);
        }
        catch (EncoderFallbackException e)
        {
            throw new AbiException("string value is not valid UTF-16 (lone surrogate), so it has no UTF-8 encoding.", e);
        }
    }

    private static byte[] AsBytes(AbiType type, object? value) =>
        value as byte[] ?? throw new AbiException($"{type} needs a byte[] value, got {Describe(value)}.");

    private static IReadOnlyList<object?> AsList(AbiType type, object? value)
    {
        var items = value as IReadOnlyList<object?>
            ?? throw new AbiException($"{type} needs a list of values, got {Describe(value)}.");
        var expected = type switch
        {
            AbiArrayType array => array.Length,
            AbiTupleType tuple => tuple.Components.Count,
            _ => null,
        };
        if (expected is { } count && items.Count != count)
        {
            throw new AbiException($"{type} needs {count} items, got {items.Count}.");
        }

        return items;
    }

    private static BigInteger AsInteger(AbiIntegerType type, object? value) => value switch
    {
        BigInteger big => big,
        int i => i,
        long l => l,
        uint u => u,
        ulong ul => ul,
        short s => s,
        ushort us => us,
        byte b => b,
        sbyte sb => sb,
        _ => throw new AbiException($"{type} needs an integer value, got {Describe(value)}."),
    };

    private static string Describe(object? value) => value is null ? "null" : value.GetType().Name;
}
