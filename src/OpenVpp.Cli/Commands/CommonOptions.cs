using System.CommandLine;
using OpenVpp.Core.Time;

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
        Description = description + $" Accepts {DurationText.Examples}.",
        DefaultValueFactory = _ => defaultValue,
        CustomParser = result => ParseDuration(result.Tokens.Single().Value) ?? FailDuration(result),
    };

    public static TimeSpan? ParseDuration(string text) => DurationText.Parse(text);

    private static TimeSpan FailDuration(System.CommandLine.Parsing.ArgumentResult result)
    {
        result.AddError($"'{result.Tokens.Single().Value}' is not a duration; use for example 90s, 15m, 1h or 00:15:00.");
        return TimeSpan.Zero;
    }
}
