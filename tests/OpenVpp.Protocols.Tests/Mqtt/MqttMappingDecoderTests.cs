using System.Text;
using OpenVpp.Protocols.Mqtt;

namespace OpenVpp.Protocols.Tests.Mqtt;

public class MqttMappingDecoderTests
{
    private static MqttDecodedValue Decode(MqttReadingMapping mapping, string payload) =>
        new MqttMappingDecoder(mapping).Decode(Encoding.UTF8.GetBytes(payload));

    [Theory]
    [InlineData(MqttQuantity.EnergyImportRegister, MqttValueUnit.Wh, "1234.5", 1234.5)]
    [InlineData(MqttQuantity.EnergyImportRegister, MqttValueUnit.KWh, "1.5", 1500)]
    [InlineData(MqttQuantity.EnergyExportRegister, MqttValueUnit.MWh, "0.002", 2000)]
    [InlineData(MqttQuantity.Power, MqttValueUnit.W, " -42 ", -42)]
    [InlineData(MqttQuantity.Power, MqttValueUnit.KW, "0.25", 250)]
    [InlineData(MqttQuantity.StateOfCharge, MqttValueUnit.Percent, "55.5", 5550)]
    [InlineData(MqttQuantity.StateOfHealth, MqttValueUnit.Fraction, "0.98", 9800)]
    public void Converts_plain_numbers_to_reading_units(MqttQuantity quantity, MqttValueUnit unit, string payload, double expected)
    {
        var value = Decode(new MqttReadingMapping("t", null, quantity, unit), payload);
        Assert.Null(value.Rejection);
        Assert.Equal(expected, value.Value!.Value, 6);
    }

    [Fact]
    public void Applies_scale_then_inversion()
    {
        var value = Decode(new MqttReadingMapping("t", "$.p", MqttQuantity.Power, MqttValueUnit.W, Scale: 0.1, Invert: true), """{"p":1234}""");
        Assert.Equal(-123.4, value.Value!.Value, 6);
    }

    [Fact]
    public void Accepts_numbers_quoted_as_strings()
    {
        var value = Decode(new MqttReadingMapping("t", "$.p", MqttQuantity.Power, MqttValueUnit.W), """{"p":"17.5"}""");
        Assert.Equal(17.5, value.Value);
    }

    [Theory]
    [InlineData("$.p", "not json at all", "not JSON")]
    [InlineData("$.p", """{"q":1}""", "no value at $.p")]
    [InlineData("$.p", """{"p":true}""", "true, not a number")]
    [InlineData("$.p", """{"p":{"x":1}}""", "object, not a number")]
    [InlineData("$.p", """{"p":"abc"}""", "is not a number")]
    [InlineData(null, "abc", "'abc' is not a number")]
    [InlineData(null, "", "empty payload")]
    [InlineData(null, "NaN", "not a finite number")]
    [InlineData(null, "Infinity", "not a finite number")]
    public void Rejects_bad_payloads_with_a_reason(string? path, string payload, string reason)
    {
        var value = Decode(new MqttReadingMapping("t", path, MqttQuantity.Power, MqttValueUnit.W), payload);
        Assert.True(value.IsRejected);
        Assert.Null(value.Value);
        Assert.Contains(reason, value.Rejection, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_a_negative_register()
    {
        var value = Decode(new MqttReadingMapping("t", null, MqttQuantity.EnergyImportRegister, MqttValueUnit.KWh), "-0.5");
        Assert.Contains("negative", value.Rejection, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_a_state_of_charge_over_100_percent()
    {
        var value = Decode(new MqttReadingMapping("t", null, MqttQuantity.StateOfCharge, MqttValueUnit.Fraction), "55");
        Assert.Contains("outside 0–100 %", value.Rejection, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_a_huge_payload_unread()
    {
        var payload = new byte[MqttMappingDecoder.MaxPayloadBytes + 1];
        var value = new MqttMappingDecoder(new MqttReadingMapping("t", "$.p", MqttQuantity.Power, MqttValueUnit.W)).Decode(payload);
        Assert.Contains("limit", value.Rejection, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_invalid_utf8_plain_payloads()
    {
        var value = new MqttMappingDecoder(new MqttReadingMapping("t", null, MqttQuantity.Power, MqttValueUnit.W)).Decode([0xff, 0xfe, 0x31]);
        Assert.Contains("UTF-8", value.Rejection, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a/#/b", "$.p", MqttQuantity.Power, MqttValueUnit.W, 1, "topic filter")]
    [InlineData("a", "p", MqttQuantity.Power, MqttValueUnit.W, 1, "value path")]
    [InlineData("a", null, MqttQuantity.Power, MqttValueUnit.KWh, 1, "does not fit")]
    [InlineData("a", null, MqttQuantity.StateOfCharge, MqttValueUnit.W, 1, "does not fit")]
    [InlineData("a", null, MqttQuantity.Power, MqttValueUnit.W, 0, "scale")]
    public void Validation_names_what_is_wrong_with_a_mapping(string topic, string? path, MqttQuantity quantity, MqttValueUnit unit, double scale, string error)
    {
        var mapping = new MqttReadingMapping(topic, path, quantity, unit, scale);
        Assert.Contains(mapping.Validate(), e => e.Contains(error, StringComparison.Ordinal));
        Assert.Throws<ArgumentException>(() => new MqttMappingDecoder(mapping));
    }
}
