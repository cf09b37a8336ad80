using System.CommandLine;
using System.Globalization;

namespace OpenVpp.Cli.Commands;

/// <summary>Options several commands share, with one spelling and one help text each.</summary>
internal static class CommonOptions
{
    public const string DefaultNodeUrl = "http://127.0.0.1:8640";

    /// <summary>Where `openvpp up` keeps its data; the wallet and device commands look there by default.</summary>
    public const string DefaultDataDir = "data";

    public static Option<bool> Json() => new("--json") { Description = "Print one JSON document (for scripts) instead of human-readable text." };

    public static Option<string> NodeUrl() => new("--node")
    {
        Description = "Base URL of the node.",
        DefaultValueFactory = _ => DefaultNodeUrl,
    };

    public static Option<TimeSpan> Duration(string name, string description, TimeSpan defaultValue) => new(name)
    {
        Description = description + " Accepts 90s, 15m, 1h, 2d or hh:mm:ss.",
        DefaultValueFactory = _ => defaultValue,
        CustomParser = result => ParseDuration(result.Tokens.Single().Value) ?? FailDuration(result),
    };

    public static TimeSpan? ParseDuration(string text)
    {
        if (text.Length >= 2 && double.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.Float, CultureInfo.InvariantCulture, out var amount) && amount > 0)
        {
            switch (text[^1])
            {
                case 's': return TimeSpan.FromSeconds(amount);
                case 'm': return TimeSpan.FromMinutes(amount);
                case 'h': return TimeSpan.FromHours(amount);
                case 'd': return TimeSpan.FromDays(amount);
            }
        }

        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var span) && span > TimeSpan.Zero ? span : null;
    }

    private static TimeSpan FailDuration(System.CommandLine.Parsing.ArgumentResult result)
    {
        result.AddError($"'{result.Tokens.Single().Value}' is not a duration; use for example 90s, 15m, 1h or 00:15:00.");
        return TimeSpan.Zero;
    }
}
