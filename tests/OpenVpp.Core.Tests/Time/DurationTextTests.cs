using OpenVpp.Core.Time;

namespace OpenVpp.Core.Tests.Time;

public sealed class DurationTextTests
{
    [Theory]
    [InlineData("90s", 90)]
    [InlineData("15m", 900)]
    [InlineData("1h", 3600)]
    [InlineData("2d", 172800)]
    [InlineData("0.5m", 30)]
    [InlineData("00:15:00", 900)]
    [InlineData(" 5s ", 5)]
    public void Reads_the_forms_the_docs_name(string text, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), DurationText.Parse(text));

    [Theory]
    [InlineData("15")] // TimeSpan would read fifteen days
    [InlineData("0s")]
    [InlineData("-5m")]
    [InlineData("soon")]
    [InlineData("")]
    [InlineData(null)]
    public void Refuses_what_is_not_a_positive_duration_with_a_unit(string? text) =>
        Assert.Null(DurationText.Parse(text));
}
