using System.Text.Json;
using OpenVpp.Protocols.Mqtt;

namespace OpenVpp.Protocols.Tests.Mqtt;

public class JsonValuePathTests
{
    private const string Doc = """{"a":{"b":12.5},"em":[{"power":1},{"power":-2.5}],"key with space":{"x":"y"},"switch:0":{"apower":7},"it's":3}""";

    [Theory]
    [InlineData("$.a.b", "12.5")]
    [InlineData("$.em[1].power", "-2.5")]
    [InlineData("$['key with space'].x", "y")]
    [InlineData("$[\"switch:0\"].apower", "7")]
    [InlineData("$['it\\'s']", "3")]
    [InlineData("$", null)]
    public void Finds_the_value_the_path_names(string path, string? expected)
    {
        Assert.True(JsonValuePath.TryParse(path, out var parsed, out var error), error);
        using var document = JsonDocument.Parse(Doc);
        var found = parsed!.Evaluate(document.RootElement);
        Assert.NotNull(found);
        if (expected is not null)
        {
            Assert.Equal(expected, found.Value.ValueKind == JsonValueKind.String ? found.Value.GetString() : found.Value.GetRawText());
        }
    }

    [Theory]
    [InlineData("$.a.c")]
    [InlineData("$.em[2].power")]
    [InlineData("$.a[0]")]
    [InlineData("$.em.power")]
    [InlineData("$.a.b.c")]
    public void Gives_nothing_when_a_step_is_missing(string path)
    {
        Assert.True(JsonValuePath.TryParse(path, out var parsed, out _));
        using var document = JsonDocument.Parse(Doc);
        Assert.Null(parsed!.Evaluate(document.RootElement));
    }

    [Theory]
    [InlineData("a.b", "must start with '$'")]
    [InlineData("$..a", "empty name")]
    [InlineData("$.a[", "unterminated")]
    [InlineData("$['a'", "unterminated")]
    [InlineData("$[*]", "neither an index")]
    [InlineData("$[-1]", "neither an index")]
    [InlineData("$a", "expected '.' or '['")]
    public void Rejects_malformed_paths_with_a_reason(string path, string reason)
    {
        Assert.False(JsonValuePath.TryParse(path, out _, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }
}
