using System.Text;
using OpenVpp.Protocols.Mqtt;

namespace OpenVpp.Protocols.Tests.Mqtt;

/// <summary>Each preset against a payload shaped like the device's own (see the sources cited in MqttPresets).</summary>
public class MqttPresetsTests
{
    private static IReadOnlyList<MqttReadingMapping> Instantiate(MqttPreset preset, params (string Key, string Value)[] parameters)
    {
        Assert.True(preset.TryInstantiate(parameters.ToDictionary(p => p.Key, p => p.Value), out var mappings, out var error), error);
        return mappings;
    }

    /// <summary>Decodes <paramref name="payload"/> published on <paramref name="topic"/> with every mapping that matches.</summary>
    private static MqttDeviceValues Feed(IReadOnlyList<MqttReadingMapping> mappings, MqttDeviceAggregator aggregator, string topic, string payload)
    {
        var result = default(MqttDeviceValues);
        for (var i = 0; i < mappings.Count; i++)
        {
            if (!MqttTopicFilter.Matches(mappings[i].TopicFilter, topic))
            {
                continue;
            }

            var value = new MqttMappingDecoder(mappings[i]).Decode(Encoding.UTF8.GetBytes(payload));
            Assert.Null(value.Rejection);
            var applied = aggregator.Apply(i, value.Value!.Value);
            result = new MqttDeviceValues(
                applied.ImportedWh ?? result.ImportedWh, applied.ExportedWh ?? result.ExportedWh,
                applied.PowerW ?? result.PowerW, applied.StateOfChargeBp ?? result.StateOfChargeBp, applied.StateOfHealthBp ?? result.StateOfHealthBp);
        }

        return result;
    }

    [Fact]
    public void Shelly_gen2_switch_reads_power_and_energy_of_a_load()
    {
        var mappings = Instantiate(MqttPresets.ShellyGen2Switch, ("id", "shellyplusplugs-80646fe1a2b3"));
        const string payload = """
            {"id":0,"source":"init","output":true,"apower":1843.2,"voltage":229.8,"current":8.021,
             "aenergy":{"total":123456.789,"by_minute":[30.3,30.1,30.2],"minute_ts":1732550400},"temperature":{"tC":41.2,"tF":106.1}}
            """;
        var values = Feed(mappings, new MqttDeviceAggregator(mappings), "shellyplusplugs-80646fe1a2b3/status/switch:0", payload);
        Assert.Equal(-1843.2, values.PowerW!.Value, 6);
        Assert.Equal(123456.789, values.ImportedWh!.Value, 6);
        Assert.Equal(0, values.ExportedWh);
    }

    [Fact]
    public void Shelly_as_producer_counts_export()
    {
        var mappings = Instantiate(MqttPresets.ShellyGen2Switch, ("id", "balcony"), ("channel", "1"), ("role", "producer"));
        var values = Feed(mappings, new MqttDeviceAggregator(mappings), "balcony/status/switch:1", """{"id":1,"apower":612,"aenergy":{"total":5000}}""");
        Assert.Equal(612, values.PowerW);
        Assert.Equal(5000, values.ExportedWh);
        Assert.Equal(0, values.ImportedWh);
    }

    [Fact]
    public void Tasmota_reads_energy_in_kWh()
    {
        var mappings = Instantiate(MqttPresets.TasmotaEnergy, ("topic", "livingroom-lamp"));
        const string payload = """
            {"Time":"2022-01-11T21:57:38","ENERGY":{"TotalStartTime":"2020-10-21T22:15:00","Total":3.705,"Yesterday":0.028,
             "Today":0.026,"Period":1,"Power":5,"ApparentPower":5,"ReactivePower":0,"Factor":1.00,"Voltage":233,"Current":0.021}}
            """;
        var values = Feed(mappings, new MqttDeviceAggregator(mappings), "tele/livingroom-lamp/SENSOR", payload);
        Assert.Equal(-5, values.PowerW);
        Assert.Equal(3705, values.ImportedWh!.Value, 6);
    }

    [Fact]
    public void OpenDtu_reads_plain_topics_of_an_inverter()
    {
        var mappings = Instantiate(MqttPresets.OpenDtuInverter, ("serial", "114182912345"));
        var aggregator = new MqttDeviceAggregator(mappings);
        Assert.Equal(287.4, Feed(mappings, aggregator, "solar/114182912345/0/power", "287.4").PowerW!.Value, 6);
        var registers = Feed(mappings, aggregator, "solar/114182912345/0/yieldtotal", "1234.567");
        Assert.Equal(1234567, registers.ExportedWh!.Value, 6);
        Assert.Equal(0, registers.ImportedWh);
        Assert.Equal(default, Feed(mappings, aggregator, "solar/114182912345/1/power", "100"));
    }

    [Fact]
    public void Zigbee2mqtt_plug_reads_power_and_energy()
    {
        var mappings = Instantiate(MqttPresets.Zigbee2MqttPlug, ("name", "washing machine"));
        const string payload = """{"current":0.52,"energy":12.34,"linkquality":120,"power":118,"state":"ON","voltage":231}""";
        var values = Feed(mappings, new MqttDeviceAggregator(mappings), "zigbee2mqtt/washing machine", payload);
        Assert.Equal(-118, values.PowerW);
        Assert.Equal(12340, values.ImportedWh!.Value, 6);
    }

    [Fact]
    public void Dsmr_reader_adds_tariffs_and_nets_power()
    {
        var mappings = Instantiate(MqttPresets.DsmrReader);
        var aggregator = new MqttDeviceAggregator(mappings);
        Feed(mappings, aggregator, "dsmr/reading/electricity_delivered_1", "1523.456");
        Feed(mappings, aggregator, "dsmr/reading/electricity_delivered_2", "1320.004");
        Feed(mappings, aggregator, "dsmr/reading/electricity_returned_1", "210.5");
        var registers = Feed(mappings, aggregator, "dsmr/reading/electricity_returned_2", "402.25");
        Assert.Equal(2_843_460, registers.ImportedWh!.Value, 3);
        Assert.Equal(612_750, registers.ExportedWh!.Value, 3);

        Feed(mappings, aggregator, "dsmr/reading/electricity_currently_delivered", "0.512");
        var power = Feed(mappings, aggregator, "dsmr/reading/electricity_currently_returned", "0.000");
        Assert.Equal(-512, power.PowerW!.Value, 6);
    }

    [Fact]
    public void Every_preset_gives_valid_mappings_and_is_found_by_name()
    {
        foreach (var preset in MqttPresets.All)
        {
            var parameters = preset.Parameters.Where(p => p.Default is null).ToDictionary(p => p.Name, _ => "x");
            Assert.True(preset.TryInstantiate(parameters, out var mappings, out var error), error);
            Assert.NotEmpty(mappings);
            Assert.All(mappings, m => Assert.Empty(m.Validate()));
            Assert.Same(preset, MqttPresets.Find(preset.Name.ToUpperInvariant()));
        }
    }

    [Theory]
    [InlineData("nope", "x", "no parameter 'nope'")]
    [InlineData("role", "battery", "'consumer'")]
    [InlineData("topic", "a/+", "wildcards")]
    public void Preset_parameters_are_checked(string key, string value, string error)
    {
        var parameters = new Dictionary<string, string> { ["topic"] = "plug", [key] = value };
        Assert.False(MqttPresets.TasmotaEnergy.TryInstantiate(parameters, out _, out var message));
        Assert.Contains(error, message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_required_parameter_is_named()
    {
        Assert.False(MqttPresets.ShellyGen2Switch.TryInstantiate(null, out _, out var error));
        Assert.Contains("'id'", error, StringComparison.Ordinal);
    }
}
