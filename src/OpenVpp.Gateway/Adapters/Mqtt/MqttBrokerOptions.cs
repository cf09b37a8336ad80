namespace OpenVpp.Gateway.Adapters.Mqtt;

/// <summary>
/// An MQTT broker to connect to. TLS is off by default because home brokers (mosquitto on a Raspberry Pi, the
/// embedded one) listen in plain text on the local network; turn it on for anything that crosses the internet.
/// A null <see cref="ClientId"/> gets "openvpp-" plus a random suffix, so two gateways never evict each other.
/// </summary>
public sealed record MqttBrokerOptions(
    string Host,
    int Port = 1883,
    string? Username = null,
    string? Password = null,
    string? ClientId = null,
    bool UseTls = false)
{
    /// <summary>"host:port" for logs (never the credentials).</summary>
    public override string ToString() => $"{Host}:{Port}{(UseTls ? " (TLS)" : string.Empty)}";
}
