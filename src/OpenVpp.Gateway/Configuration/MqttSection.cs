namespace OpenVpp.Gateway.Configuration;

/// <summary>The <c>mqtt:</c> section: which broker MQTT devices publish to, and the gateway's own publishing.</summary>
public sealed class MqttSection
{
    /// <summary>"embedded" runs a broker inside the gateway; otherwise host or host:port of an existing broker.</summary>
    public string Broker { get; set; } = "embedded";

    /// <summary>Port of the embedded broker (loopback only).</summary>
    public int Port { get; set; } = 1883;

    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>Publish each signed reading and the devices' link state under openvpp/{gateway}/…</summary>
    public bool Publish { get; set; } = true;

    /// <summary>Name of this gateway in published topics.</summary>
    public string GatewayName { get; set; } = "gateway";
}
