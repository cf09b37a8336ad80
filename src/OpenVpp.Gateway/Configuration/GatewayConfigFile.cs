namespace OpenVpp.Gateway.Configuration;

/// <summary>
/// The gateway's configuration file as written (YAML, snake_case keys; see docs/gateway-config.md and
/// examples/gateway.yaml). Everything optional has a default; <see cref="GatewayConfigReader"/> checks it and says
/// which key is wrong.
/// </summary>
public sealed class GatewayConfigFile
{
    public GatewaySection Gateway { get; set; } = new();

    /// <summary>A simulated fleet beside the real devices (for demos and tests); none when absent.</summary>
    public SimulatorSection? Simulator { get; set; }

    /// <summary>The local CSMS that OCPP chargers connect to; used when a device has adapter: ocpp.</summary>
    public OcppSection Ocpp { get; set; } = new();

    /// <summary>The MQTT broker devices publish to, and whether the gateway publishes its own readings there.</summary>
    public MqttSection Mqtt { get; set; } = new();

    public List<DeviceEntry> Devices { get; set; } = [];
}
