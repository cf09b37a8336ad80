namespace OpenVpp.Protocols.Dsmr;

/// <summary>
/// Walks the "(a)(b)(c)" values of one COSEM object. Line breaks between values are allowed: DSMR 2.2/3.0 put the
/// gas value of 0-n:24.3.0 on the next line.
/// </summary>
internal ref struct P1FieldReader(ReadOnlySpan<byte> value)
{
    private ReadOnlySpan<byte> _rest = value;

    /// <summary>Set when the text is not a sequence of parenthesised values.</summary>
    public bool Malformed { get; private set; }

    public bool TryNext(out ReadOnlySpan<byte> field)
    {
        field = default;
        var i = 0;
        while (i < _rest.Length && _rest[i] is (byte)' ' or (byte)'\r' or (byte)'\n')
        {
            i++;
        }

        if (i == _rest.Length)
        {
            _rest = [];
            return false;
        }

        if (_rest[i] != '(')
        {
            Malformed = true;
            return false;
        }

        var close = _rest[(i + 1)..].IndexOfAny((byte)')', (byte)'(');
        if (close < 0 || _rest[i + 1 + close] != ')')
        {
            Malformed = true;
            return false;
        }

        field = _rest.Slice(i + 1, close);
        _rest = _rest[(i + close + 2)..];
        return true;
    }

    /// <summary>The number of values; -1 when malformed.</summary>
    public static int Count(ReadOnlySpan<byte> value)
    {
        var reader = new P1FieldReader(value);
        var count = 0;
        while (reader.TryNext(out _))
        {
            count++;
        }

        return reader.Malformed ? -1 : count;
    }
}
