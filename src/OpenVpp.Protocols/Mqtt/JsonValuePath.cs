using System.Globalization;
using System.Text;
using System.Text.Json;

namespace OpenVpp.Protocols.Mqtt;

/// <summary>
/// The small JSONPath subset device payloads need: <c>$</c> followed by <c>.name</c>, <c>['any name']</c> (or
/// double quotes) and <c>[index]</c> steps, for example <c>$.ENERGY.Total</c>, <c>$.em[0].power</c>,
/// <c>$['switch:0'].apower</c>. No wildcards, filters or recursion: a mapping names exactly one value.
/// </summary>
public sealed class JsonValuePath
{
    private readonly Step[] _steps;

    private JsonValuePath(string text, Step[] steps)
    {
        Text = text;
        _steps = steps;
    }

    /// <summary>The path as written.</summary>
    public string Text { get; }

    /// <summary>Parses <paramref name="text"/>; on failure <paramref name="error"/> says what is wrong and where.</summary>
    public static bool TryParse(string text, out JsonValuePath? path, out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        path = null;
        error = null;
        if (!text.StartsWith('$'))
        {
            error = "must start with '$'";
            return false;
        }

        var steps = new List<Step>();
        var i = 1;
        while (i < text.Length)
        {
            if (text[i] == '.')
            {
                var start = ++i;
                while (i < text.Length && text[i] != '.' && text[i] != '[')
                {
                    i++;
                }

                if (i == start)
                {
                    error = $"empty name at position {start}";
                    return false;
                }

                steps.Add(Step.Name(text[start..i]));
            }
            else if (text[i] == '[')
            {
                if (!TryParseBracket(text, ref i, steps, out error))
                {
                    return false;
                }
            }
            else
            {
                error = $"expected '.' or '[' at position {i}";
                return false;
            }
        }

        path = new JsonValuePath(text, [.. steps]);
        return true;
    }

    /// <summary>The element the path names in <paramref name="root"/>, or null when a step is missing.</summary>
    public JsonElement? Evaluate(JsonElement root)
    {
        var current = root;
        foreach (var step in _steps)
        {
            if (step.PropertyName is { } name)
            {
                if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(name, out current))
                {
                    return null;
                }
            }
            else if (current.ValueKind != JsonValueKind.Array || step.Index >= current.GetArrayLength())
            {
                return null;
            }
            else
            {
                current = current[step.Index];
            }
        }

        return current;
    }

    public override string ToString() => Text;

    private static bool TryParseBracket(string text, ref int i, List<Step> steps, out string? error)
    {
        error = null;
        var open = i++;
        if (i < text.Length && text[i] is '\'' or '"')
        {
            var quote = text[i++];
            var name = new StringBuilder();
            while (i < text.Length && text[i] != quote)
            {
                // A backslash escapes the quote or itself, so any key can be written.
                if (text[i] == '\\' && i + 1 < text.Length)
                {
                    i++;
                }

                name.Append(text[i++]);
            }

            if (i + 1 >= text.Length || text[i] != quote || text[i + 1] != ']')
            {
                error = $"unterminated ['…'] starting at position {open}";
                return false;
            }

            i += 2;
            steps.Add(Step.Name(name.ToString()));
            return true;
        }

        var close = text.IndexOf(']', i);
        if (close < 0)
        {
            error = $"unterminated [ at position {open}";
            return false;
        }

        var digits = text[i..close];
        if (!int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
        {
            error = $"'[{digits}]' at position {open} is neither an index (0, 1, …) nor a quoted name";
            return false;
        }

        i = close + 1;
        steps.Add(Step.At(index));
        return true;
    }

    private readonly record struct Step(string? PropertyName, int Index)
    {
        public static Step Name(string name) => new(name, -1);

        public static Step At(int index) => new(null, index);
    }
}
