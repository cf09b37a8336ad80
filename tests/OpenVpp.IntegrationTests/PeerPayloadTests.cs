using System.Text.Json;
using OpenVpp.Cli.Peers;
using OpenVpp.Core.Devices;
using OpenVpp.Protocols.Mqtt;

namespace OpenVpp.IntegrationTests;

/// <summary>`openvpp peers` publishes what a mapping reads back as the simulated value (the inverse of the adapter).</summary>
public sealed class PeerPayloadTests
{
    private static readonly HomeDeviceState Load = new("home-0020/load", DeviceKind.HouseholdLoad, 17_250, 0, 2_500, 0, -1_800, null);

    [Fact]
    public void A_preset_device_gets_one_json_payload_that_the_adapter_decodes_back_to_the_simulated_values()
    {
        Assert.True(MqttPresets.TasmotaEnergy.TryInstantiate(new Dictionary<string, string> { ["topic"] = "plug" }, out var mappings, out _));

        var (topic, payload) = Assert.Single(MqttDevicePeer.Payloads(Load, mappings));

        Assert.Equal("tele/plug/SENSOR", topic);
        using var json = JsonDocument.Parse(payload);
        Assert.Equal(1800, json.RootElement.GetProperty("ENERGY").GetProperty("Power").GetDouble()); // consumer: positive
        Assert.Equal(1_002.5, json.RootElement.GetProperty("ENERGY").GetProperty("Total").GetDouble()); // kWh, lifetime offset
    }

    [Fact]
    public void Wildcard_filters_are_published_to_a_matching_topic_and_multi_level_ones_are_skipped()
    {
        MqttReadingMapping[] mappings =
        [
            new("site/+/power", null, MqttQuantity.Power, MqttValueUnit.KW, Invert: true),
            new("site/#", "$.energy", MqttQuantity.EnergyImportRegister, MqttValueUnit.Wh),
        ];

        var (topic, payload) = Assert.Single(MqttDevicePeer.Payloads(Load, mappings));

        Assert.Equal("site/peer/power", topic);
        Assert.Equal("1.8", payload);
    }
}
