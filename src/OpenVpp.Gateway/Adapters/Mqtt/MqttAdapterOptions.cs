namespace OpenVpp.Gateway.Adapters.Mqtt;

/// <summary>
/// Options of <see cref="MqttAdapter"/>. Without a <see cref="Broker"/> the adapter runs an
/// <see cref="EmbeddedMqttBroker"/> on loopback port <see cref="EmbeddedBrokerPort"/> and devices publish to it.
/// </summary>
public sealed record MqttAdapterOptions
{
    /// <summary>The broker to subscribe to; null runs the embedded one.</summary>
    public MqttBrokerOptions? Broker { get; init; }

    /// <summary>The embedded broker's port when <see cref="Broker"/> is null.</summary>
    public int EmbeddedBrokerPort { get; init; } = 1883;

    /// <summary>Whether the embedded broker listens on every interface rather than loopback only (devices on the LAN).</summary>
    public bool EmbeddedBrokerOnAllInterfaces { get; init; }

    public IReadOnlyList<MqttDeviceOptions> Devices { get; init; } = [];

    /// <summary>A device none of whose topics carried a message for this long is marked offline.</summary>
    public TimeSpan OfflineAfter { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>First and longest wait between reconnection attempts (exponential backoff with jitter).</summary>
    public TimeSpan ReconnectInitial { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan ReconnectMax { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>At most one log line per topic in this time about rejected payloads; the next one counts what was left out.</summary>
    public TimeSpan RejectionLogInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Everything wrong with these options, for validation at start; empty when they are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Broker is { } b && (string.IsNullOrWhiteSpace(b.Host) || b.Port is < 1 or > 65535))
        {
            errors.Add($"MQTT broker '{b}': needs a host and a port in 1–65535");
        }

        if (Broker is null && EmbeddedBrokerPort is < 1 or > 65535)
        {
            errors.Add($"embedded MQTT broker port {EmbeddedBrokerPort} is not in 1–65535");
        }

        if (Devices.Count == 0)
        {
            errors.Add("the MQTT adapter has no devices");
        }

        foreach (var repeated in Devices.GroupBy(d => d.Name, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            errors.Add($"MQTT device name '{repeated.Key}' is used {repeated.Count()} times");
        }

        foreach (var device in Devices)
        {
            if (string.IsNullOrWhiteSpace(device.Name))
            {
                errors.Add("an MQTT device has no name");
            }

            device.ResolveMappings(errors);
        }

        if (OfflineAfter <= TimeSpan.Zero || ReconnectInitial <= TimeSpan.Zero || ReconnectMax < ReconnectInitial || RejectionLogInterval < TimeSpan.Zero)
        {
            errors.Add("MQTT timings need OfflineAfter > 0 and 0 < ReconnectInitial <= ReconnectMax");
        }

        return errors;
    }
}
