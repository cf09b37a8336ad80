using System.Globalization;

namespace OpenVpp.Chain.Abi;

/// <summary>
/// Recursive-descent parser for canonical ABI type strings: an elementary name or a parenthesised tuple, followed
/// by any number of <c>[k]</c> / <c>[]</c> suffixes. Whitespace is not canonical and is rejected, so what parses
/// is exactly what a selector hashes (the aliases <c>uint</c>/<c>int</c> are the one convenience, mapped to 256 bits).
/// </summary>
internal static class AbiTypeParser
{
    /// <summary>Bounds tuple/array nesting so a hostile type string cannot exhaust the stack.</summary>
    private const int MaxDepth = 32;

    public static AbiType Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var position = 0;
        var type = ParseType(text, ref position, 0);
        if (position != text.Length)
        {
            throw Error(text, position, "unexpected trailing characters");
        }

        return type;
    }

    /// <summary>Parses a parameter list <c>(T1,...,Tn)</c>, which unlike a tuple type may be empty.</summary>
    public static IReadOnlyList<AbiType> ParseList(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text == "()")
        {
            return [];
        }

        return Parse(text) is AbiTupleType { } tuple && text[^1] == ')'
            ? tuple.Components
            : throw Error(text, 0, "expected a parenthesised parameter list");
    }

    private static AbiType ParseType(string text, ref int position, int depth)
    {
        if (depth > MaxDepth)
        {
            throw Error(text, position, $"nesting deeper than {MaxDepth}");
        }

        var type = position < text.Length && text[position] == '('
            ? ParseTuple(text, ref position, depth)
            : ParseElementary(text, ref position);

        while (position < text.Length && text[position] == '[')
        {
            depth++;
            if (depth > MaxDepth)
            {
                throw Error(text, position, $"nesting deeper than {MaxDepth}");
            }

            var start = ++position;
            while (position < text.Length && char.IsAsciiDigit(text[position]))
            {
                position++;
            }

            if (position >= text.Length || text[position] != ']')
            {
                throw Error(text, position, "expected digits or ']' in an array suffix");
            }

            var digits = text[start..position];
            position++;
            type = digits.Length == 0
                ? new AbiArrayType(type, null)
                : new AbiArrayType(type, ParseNumber(text, start, digits, "array length"));
        }

        return type;
    }

    private static AbiTupleType ParseTuple(string text, ref int position, int depth)
    {
        position++; // '('
        if (position < text.Length && text[position] == ')')
        {
            throw Error(text, position, "an empty tuple is not a type");
        }

        var components = new List<AbiType>();
        while (true)
        {
            components.Add(ParseType(text, ref position, depth + 1));
            if (position >= text.Length)
            {
                throw Error(text, position, "missing ')'");
            }

            var c = text[position++];
            if (c == ')')
            {
                return new AbiTupleType(components);
            }

            if (c != ',')
            {
                throw Error(text, position - 1, "expected ',' or ')'");
            }
        }
    }

    private static AbiType ParseElementary(string text, ref int position)
    {
        var start = position;
        while (position < text.Length && char.IsAsciiLetterOrDigit(text[position]))
        {
            position++;
        }

        var name = text[start..position];
        if (name.Length == 0)
        {
            throw Error(text, start, "expected a type name or '('");
        }

        switch (name)
        {
            case "address": return AbiAddressType.Instance;
            case "bool": return AbiBoolType.Instance;
            case "bytes": return AbiBytesType.Instance;
            case "string": return AbiStringType.Instance;
            case "uint": return new AbiIntegerType(256, isSigned: false);
            case "int": return new AbiIntegerType(256, isSigned: true);
        }

        var (prefix, what) = name.StartsWith("uint", StringComparison.Ordinal) ? ("uint", "uint width")
            : name.StartsWith("int", StringComparison.Ordinal) ? ("int", "int width")
            : name.StartsWith("bytes", StringComparison.Ordinal) ? ("bytes", "bytes size")
            : (string.Empty, string.Empty);
        var digits = name[prefix.Length..];
        if (prefix.Length == 0 || digits.Length == 0 || !digits.All(char.IsAsciiDigit))
        {
            var hint = name.Contains("fixed", StringComparison.Ordinal) ? " (fixed-point types are not supported)" : string.Empty;
            throw Error(text, start, $"unknown type '{name}'{hint}");
        }

        var number = ParseNumber(text, start + prefix.Length, digits, what);
        try
        {
            return prefix == "bytes" ? new AbiFixedBytesType(number) : new AbiIntegerType(number, prefix == "int");
        }
        catch (AbiException e)
        {
            throw Error(text, start, e.Message);
        }
    }

    private static int ParseNumber(string text, int position, string digits, string what)
    {
        // Leading zeros would give a second spelling of the same type, and so a different selector.
        if ((digits.Length > 1 && digits[0] == '0') || digits.Length > 9)
        {
            throw Error(text, position, $"{what} '{digits}' is not canonical");
        }

        return int.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
    }

    private static AbiException Error(string text, int position, string problem) =>
        new($"Bad ABI type \"{text}\" at {position}: {problem}.");
}
