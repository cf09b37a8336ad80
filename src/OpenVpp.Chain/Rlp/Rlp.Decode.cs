namespace OpenVpp.Chain.Rlp;

public static partial class Rlp
{
    /// <summary>Nesting deeper than this is refused so hostile input cannot exhaust the stack.</summary>
    public const int MaxDepth = 256;

    /// <summary>
    /// Decodes exactly one canonical item filling the whole input. Non-canonical forms are rejected because two
    /// encodings of one value would give two hashes for one transaction.
    /// </summary>
    /// <exception cref="RlpException">The input is not a single canonical RLP item.</exception>
    public static RlpItem Decode(ReadOnlySpan<byte> input)
    {
        var item = DecodeItem(input, 0, 0, out var consumed);
        if (consumed != input.Length)
        {
            throw new RlpException(
                $"RLP has {input.Length - consumed} trailing byte(s) after the item ending at offset {consumed}.");
        }

        return item;
    }

    /// <summary>Like <see cref="Decode"/> but reports malformed input as a message instead of an exception.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> input, out RlpItem? item, out string? error)
    {
        try
        {
            item = Decode(input);
            error = null;
            return true;
        }
        catch (RlpException e)
        {
            item = null;
            error = e.Message;
            return false;
        }
    }

    // offset is where input starts in the whole message; it only serves error messages.
    private static RlpItem DecodeItem(ReadOnlySpan<byte> input, int offset, int depth, out int consumed)
    {
        if (input.IsEmpty)
        {
            throw new RlpException($"RLP ends at offset {offset} where an item was expected.");
        }

        var prefix = input[0];
        if (prefix < StringOffset)
        {
            consumed = 1;
            return RlpItem.FromBytes(input[..1]);
        }

        var isList = prefix >= ListOffset;
        var (header, length) = ReadHeader(input, offset, isList);
        if (input.Length - header < length)
        {
            throw new RlpException(
                $"RLP {(isList ? "list" : "string")} at offset {offset} declares {length} payload bytes " +
                $"but only {input.Length - header} remain.");
        }

        var payload = input.Slice(header, length);
        consumed = header + length;
        if (!isList)
        {
            if (length == 1 && payload[0] < StringOffset)
            {
                throw new RlpException(
                    $"RLP string at offset {offset} wraps the single byte 0x{payload[0]:x2}, which must be encoded as itself.");
            }

            return RlpItem.FromBytes(payload);
        }

        if (depth >= MaxDepth)
        {
            throw new RlpException($"RLP nests deeper than {MaxDepth} lists at offset {offset}.");
        }

        var items = new List<RlpItem>();
        var position = 0;
        while (position < payload.Length)
        {
            items.Add(DecodeItem(payload[position..], offset + header + position, depth + 1, out var used));
            position += used;
        }

        return RlpItem.List(items);
    }

    private static (int Header, int Length) ReadHeader(ReadOnlySpan<byte> input, int offset, bool isList)
    {
        var prefix = input[0];
        var shortOffset = isList ? ListOffset : StringOffset;
        var longOffset = isList ? LongListOffset : LongStringOffset;
        var kind = isList ? "list" : "string";
        if (prefix <= longOffset)
        {
            return (1, prefix - shortOffset);
        }

        var lengthOfLength = prefix - longOffset;
        if (input.Length < 1 + lengthOfLength)
        {
            throw new RlpException($"RLP {kind} at offset {offset} is cut off inside its {lengthOfLength}-byte length.");
        }

        var lengthBytes = input.Slice(1, lengthOfLength);
        if (lengthBytes[0] == 0)
        {
            throw new RlpException($"RLP {kind} at offset {offset} has a length with a leading zero byte.");
        }

        if (lengthOfLength > 4)
        {
            throw new RlpException($"RLP {kind} at offset {offset} declares a length of {lengthOfLength} bytes, beyond any real input.");
        }

        var length = 0L;
        foreach (var b in lengthBytes)
        {
            length = (length << 8) | b;
        }

        if (length > int.MaxValue)
        {
            throw new RlpException($"RLP {kind} at offset {offset} declares {length} bytes, beyond any real input.");
        }

        if (length <= ShortPayloadMax)
        {
            throw new RlpException(
                $"RLP {kind} at offset {offset} uses the long form for {length} bytes; lengths up to 55 use the short form.");
        }

        return (1 + lengthOfLength, (int)length);
    }
}
