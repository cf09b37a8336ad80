using OpenVpp.Protocols.Dsmr;

namespace OpenVpp.Protocols.Tests.Dsmr;

/// <summary>What the parser refuses, and that the reason says what is wrong.</summary>
public sealed class P1ParserRejectionTests
{
    [Fact]
    public void A_wrong_crc_is_rejected_with_expected_and_actual_values()
    {
        var text = DsmrTelegrams.Text("kaifa_dsmr42").Replace("!6796", "!6797", StringComparison.Ordinal);

        var result = P1Parser.Parse(text);

        Assert.False(result.IsOk);
        Assert.Equal(P1ErrorReason.CrcMismatch, result.Error.Reason);
        Assert.Contains("CRC", result.Error.Message, StringComparison.Ordinal);
        Assert.Contains("expected 6797", result.Error.Message, StringComparison.Ordinal);
        Assert.Contains("actual 6796", result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_changed_value_under_a_valid_looking_crc_is_rejected_by_the_crc()
    {
        var text = DsmrTelegrams.Text("iskra_dsmr50").Replace("000004.426*kWh", "000004.427*kWh", StringComparison.Ordinal);

        Assert.Equal(P1ErrorReason.CrcMismatch, P1Parser.Parse(text).Error!.Reason);
    }

    [Fact]
    public void A_telegram_cut_off_before_its_end_line_is_truncated()
    {
        var text = DsmrTelegrams.Text("iskra_dsmr50");

        var result = P1Parser.Parse(text[..(text.Length / 2)]);

        Assert.Equal(P1ErrorReason.Truncated, result.Error!.Reason);
        Assert.Contains("truncated", result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_header_followed_by_the_end_line_is_an_empty_telegram_not_a_dsmr2_one()
    {
        // A line end damaged into '!' right after the header: without a CRC or data lines nothing else catches it.
        var result = P1Parser.Parse("/ISk5\\2MT382-1000\r\n!\n\r\n1-3:0.2.8(50)\r\n");

        Assert.Equal(P1ErrorReason.Truncated, result.Error!.Reason);
        Assert.Contains("empty telegram", result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_dsmr4_telegram_without_its_crc_is_rejected()
    {
        var text = DsmrTelegrams.Text("kaifa_dsmr42").Replace("!6796", "!", StringComparison.Ordinal);

        var result = P1Parser.Parse(text);

        Assert.Equal(P1ErrorReason.CrcMissing, result.Error!.Reason);
        Assert.Contains("CRC", result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_without_a_header_is_not_a_telegram()
    {
        Assert.Equal(P1ErrorReason.NoTelegram, P1Parser.Parse("1-0:1.8.1(000001.000*kWh)\r\n!\r\n").Error!.Reason);
        Assert.Equal(P1ErrorReason.NoTelegram, P1Parser.Parse(string.Empty).Error!.Reason);
    }

    [Fact]
    public void Garbage_before_the_header_and_after_the_crc_is_ignored()
    {
        var text = "\0\xff noise 1-0:1.8.1(12" + DsmrTelegrams.Text("kaifa_dsmr42") + "trailing junk";

        var result = P1Parser.Parse(text);

        Assert.True(result.IsOk, result.Error?.Message);
        Assert.Equal(1_581_123, result.Telegram.ImportT1Wh);
    }

    [Theory]
    [InlineData("this is not an object", "is not 'OBIS(value)'")]
    [InlineData("1-0:1.8.1 000001.000*kWh", "is not 'OBIS(value)'")]
    [InlineData("1-0:1.8.1(000001.000*kWh", "is not a sequence of (…) fields")]
    [InlineData("1-0:1.8.1(000001.000*kWh)x", "is not a sequence of (…) fields")]
    public void A_garbage_line_in_a_telegram_without_crc_is_a_malformed_line(string line, string expected)
    {
        var text = DsmrTelegrams.Text("spec_dsmr22").Replace("0-0:96.14.0(0001)", line, StringComparison.Ordinal);

        var result = P1Parser.Parse(text);

        Assert.Equal(P1ErrorReason.MalformedLine, result.Error!.Reason);
        Assert.Contains("line 8", result.Error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, result.Error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1-0:1.8.1(00185.000*kWh)", "1-0:1.8.1(00185.000*m3)", "'m3' where kWh or Wh")]
    [InlineData("1-0:1.8.1(00185.000*kWh)", "1-0:1.8.1(00185.000)", "'' where kWh or Wh")]
    [InlineData("1-0:1.7.0(0000.98*kW)", "1-0:1.7.0(0000.98*kWh)", "'kWh' where kW or W")]
    public void A_known_quantity_in_the_wrong_unit_is_rejected(string line, string replacement, string expected)
    {
        var text = DsmrTelegrams.Text("spec_dsmr22").Replace(line, replacement, StringComparison.Ordinal);

        var result = P1Parser.Parse(text);

        Assert.Equal(P1ErrorReason.WrongUnit, result.Error!.Reason);
        Assert.Contains(expected, result.Error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1-0:1.8.1(00185.000*kWh)", "1-0:1.8.1(00185,000*kWh)")]
    [InlineData("1-0:1.8.1(00185.000*kWh)", "1-0:1.8.1(1e5*kWh)")]
    [InlineData("0-0:96.14.0(0001)", "0-0:96.14.0(one)")]
    [InlineData("0-1:24.3.0(121030140000)", "0-1:24.3.0(121330140000)")]
    public void A_value_that_is_not_what_its_code_needs_is_a_bad_value(string line, string replacement)
    {
        var text = DsmrTelegrams.Text("spec_dsmr22").Replace(line, replacement, StringComparison.Ordinal);

        Assert.Equal(P1ErrorReason.BadValue, P1Parser.Parse(text).Error!.Reason);
    }
}
