using OpenVpp.Core.Devices;
using OpenVpp.Gateway.Adapters.Mqtt;
using OpenVpp.Protocols.Mqtt;

namespace OpenVpp.Gateway.Tests.Adapters.Mqtt;

public class MqttAdapterOptionsTests
{
    private static MqttDeviceOptions Plug(string name = "plug") => new(name, DeviceKind.HouseholdLoad, "NL", "home", 3_600)
    {
        Preset = "shelly-gen2-switch",
        PresetParameters = new Dictionary<string, string> { ["id"] = "shellyplug-1" },
    };

    [Fact]
    public void A_preset_device_without_a_broker_is_valid() =>
        Assert.Empty(new MqttAdapterOptions { Devices = [Plug()] }.Validate());

    [Fact]
    public void Validation_names_every_problem()
    {
        var options = new MqttAdapterOptions
        {
            Broker = new MqttBrokerOptions("", 0),
            Devices =
            [
                Plug("same"),
                Plug("same"),
                new MqttDeviceOptions("bad", DeviceKind.Battery, "NL", "home", 5_000) { Preset = "no-such-preset" },
                new MqttDeviceOptions("empty", DeviceKind.Battery, "NL", "home", 5_000),
                new MqttDeviceOptions("wrong-unit", DeviceKind.Battery, "NL", "home", 5_000)
                {
                    Mappings = [new MqttReadingMapping("b/soc", null, MqttQuantity.StateOfCharge, MqttValueUnit.KWh)],
                },
            ],
        };

        var errors = string.Join("\n", options.Validate());
        Assert.Contains("needs a host", errors, StringComparison.Ordinal);
        Assert.Contains("'same' is used 2 times", errors, StringComparison.Ordinal);
        Assert.Contains("unknown MQTT preset 'no-such-preset'", errors, StringComparison.Ordinal);
        Assert.Contains("device 'empty': give an MQTT preset or at least one mapping", errors, StringComparison.Ordinal);
        Assert.Contains("device 'wrong-unit': unit KWh does not fit StateOfCharge", errors, StringComparison.Ordinal);
    }

    [Fact]
    public void The_adapter_refuses_invalid_options_at_construction() =>
        Assert.Throws<ArgumentException>(() => new MqttAdapter(
            new MqttAdapterOptions(), TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger<MqttAdapter>.Instance));
}
