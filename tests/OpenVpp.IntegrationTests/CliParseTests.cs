using System.CommandLine;
using OpenVpp.Cli.Commands;

namespace OpenVpp.IntegrationTests;

/// <summary>
/// Every option of every command parses a typical value. A type System.CommandLine cannot convert, or a custom parser
/// or validator that refuses ordinary input, shows only when somebody passes the option (gateway --ven-callback once
/// got as far as the demo); this walks the whole tree so such an option fails here instead.
/// </summary>
public class CliParseTests
{
    public static TheoryData<string, string> Options()
    {
        var data = new TheoryData<string, string>();
        foreach (var (path, command) in Walk(CliRoot.Create(), []))
        {
            foreach (var option in command.Options.Where(o => o.ValueType != typeof(bool) && !o.Name.StartsWith("--help", StringComparison.Ordinal) && o.Name != "--version"))
            {
                data.Add(string.Join(' ', path), option.Name);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Options))]
    public void Every_option_parses_a_typical_value(string command, string optionName)
    {
        var root = CliRoot.Create();
        var target = command.Split(' ', StringSplitOptions.RemoveEmptyEntries).Aggregate((Command)root, (c, name) => c.Subcommands.Single(s => s.Name == name));
        var option = target.Options.Single(o => o.Name == optionName);

        var result = root.Parse([.. command.Split(' ', StringSplitOptions.RemoveEmptyEntries), optionName, Sample(option)]);

        var mine = result.Errors.Where(e => e.Message.Contains(optionName, StringComparison.Ordinal) || e.SymbolResult?.Tokens.Any(t => t.Value == Sample(option)) == true).ToList();
        Assert.True(mine.Count == 0, $"{command} {optionName} {Sample(option)}: {string.Join("; ", mine.Select(e => e.Message))}");
        var value = result.GetResult(option);
        Assert.NotNull(value);
        Assert.Empty(value.Errors);
    }

    // Options whose validators refuse a one-letter text, with a value they accept.
    private static readonly Dictionary<string, string> Typical = new(StringComparer.Ordinal)
    {
        ["--password"] = "correct-horse-battery",
    };

    private static string Sample(Option option)
    {
        if (Typical.TryGetValue(option.Name, out var typical))
        {
            return typical;
        }

        var type = Nullable.GetUnderlyingType(option.ValueType) ?? option.ValueType;
        if (type.IsEnum)
        {
            return Enum.GetNames(type)[0];
        }

        if (option.GetCompletions(System.CommandLine.Completions.CompletionContext.Empty).FirstOrDefault() is { } completion && type == typeof(string))
        {
            return completion.Label;
        }

        return type switch
        {
            _ when type == typeof(TimeSpan) => "15m",
            _ when type == typeof(DateTimeOffset) || type == typeof(DateTime) => "2026-12-07T17:00:00Z",
            _ when type == typeof(int) || type == typeof(long) || type == typeof(ushort) || type == typeof(byte) || type == typeof(uint) || type == typeof(ulong) => "1",
            _ when type == typeof(double) || type == typeof(decimal) || type == typeof(float) => "1.5",
            _ when type == typeof(string[]) => "a",
            _ => "a",
        };
    }

    private static IEnumerable<(string[] Path, Command Command)> Walk(Command command, string[] path)
    {
        if (path.Length > 0)
        {
            yield return (path, command);
        }

        foreach (var sub in command.Subcommands)
        {
            foreach (var found in Walk(sub, [.. path, sub.Name]))
            {
                yield return found;
            }
        }
    }
}
