namespace OpenVpp.Gateway.Adapters.Mqtt;

/// <summary>
/// Options of <see cref="MqttReadingPublisher"/>: topics are <c>&lt;TopicRoot&gt;/&lt;GatewayName&gt;/status</c>
/// (retained online/offline, also the last will) and <c>.../devices/&lt;device&gt;/reading</c> and <c>/status</c>.
/// </summary>
public sealed record MqttPublisherOptions(string GatewayName, MqttBrokerOptions Broker, string TopicRoot = "openvpp")
{
    /// <summary>Messages waiting for the broker beyond this many are dropped oldest first (readings stay in the outbox).</summary>
    public int QueueCapacity { get; init; } = 10_000;

    public TimeSpan ReconnectInitial { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan ReconnectMax { get; init; } = TimeSpan.FromMinutes(1);
}
