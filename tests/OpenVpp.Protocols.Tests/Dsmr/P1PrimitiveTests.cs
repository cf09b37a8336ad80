using System.Text;
using OpenVpp.Protocols.Dsmr;

namespace OpenVpp.Protocols.Tests.Dsmr;

public sealed class P1PrimitiveTests
{
    [Fact]
    public void Crc16_arc_matches_the_catalogue_check_value() =>
        Assert.Equal(0xBB3D, Crc16Arc.Compute("123456789"u8));

    [Theory]
    [InlineData("1-0:1.8.1", 1, 0, 1, 8, 1)]
    [InlineData("0-4:24.2.1", 0, 4, 24, 2, 1)]
    [InlineData("1-0:99.97.0", 1, 0, 99, 97, 0)]
    public void Obis_codes_parse_and_print_back(string text, int a, int b, int c, int d, int e)
    {
        var code = ObisCode.Parse(text);

        Assert.Equal((a, b, c, d, e), (code.A, code.B, code.C, code.D, code.E));
        Assert.Equal(text, code.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("1-0:1.8")]
    [InlineData("1-0:1.8.1.2")]
    [InlineData("1-0:1.8.256")]
    [InlineData("1:0-1.8.1")]
    public void Text_that_is_not_an_obis_code_does_not_parse(string text) =>
        Assert.False(ObisCode.TryParse(Encoding.ASCII.GetBytes(text), out _));

    [Fact]
    public void Mbus_codes_are_known_on_every_channel()
    {
        for (byte channel = 1; channel <= 4; channel++)
        {
            Assert.Equal("M-Bus device type", ObisRegistry.Find(new ObisCode(0, channel, 24, 1, 0))?.Name);
        }

        Assert.Null(ObisRegistry.Find(new ObisCode(0, 2, 1, 0, 0)));
    }

    [Theory]
    [InlineData("230326030000S", "2023-03-26T01:00:00Z")]
    [InlineData("231029023000S", "2023-10-29T00:30:00Z")]
    [InlineData("231029023000W", "2023-10-29T01:30:00Z")]
    [InlineData("230326013000", "2023-03-26T00:30:00Z")]
    [InlineData("230326033000", "2023-03-26T01:30:00Z")]
    [InlineData("230715120000", "2023-07-15T10:00:00Z")]
    public void The_dst_flag_or_the_eu_rule_gives_the_utc_offset(string text, string utc)
    {
        Assert.True(P1Timestamp.TryParse(Encoding.ASCII.GetBytes(text), out var time, out _));

        Assert.Equal(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture), time.Utc);
    }

    [Theory]
    [InlineData("230230120000W")]
    [InlineData("231301120000W")]
    [InlineData("230101250000W")]
    [InlineData("230101120000X")]
    [InlineData("2301011200")]
    public void Dates_that_do_not_exist_are_not_timestamps(string text) =>
        Assert.False(P1Timestamp.TryParse(Encoding.ASCII.GetBytes(text), out _, out _));
}
