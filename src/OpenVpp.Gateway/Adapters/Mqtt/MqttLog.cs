using Microsoft.Extensions.Logging;

namespace OpenVpp.Gateway.Adapters.Mqtt;

/// <summary>Log lines of the MQTT adapter, publisher and embedded broker (EventIds 550–599).</summary>
internal static partial class MqttLog
{
    [LoggerMessage(550, LogLevel.Information, "MQTT adapter connected to {Broker} and subscribed to {Count} topic filters for {Devices} devices")]
    public static partial void Connected(ILogger logger, string broker, int count, int devices);

    [LoggerMessage(551, LogLevel.Warning, "MQTT broker {Broker} is unreachable ({Error}); its devices are offline. Retrying in {RetryIn}; check that the broker runs and the host, port and credentials are right")]
    public static partial void ConnectFailed(ILogger logger, string broker, string error, TimeSpan retryIn);

    [LoggerMessage(552, LogLevel.Warning, "Lost the connection to MQTT broker {Broker} ({Reason}); reconnecting and subscribing again")]
    public static partial void Disconnected(ILogger logger, string broker, string reason);

    [LoggerMessage(553, LogLevel.Warning, "MQTT message on {Topic} for device {Device} rejected: {Reason} ({Suppressed} more rejections on this topic were not logged). The device's last good values are kept; check its mapping or firmware")]
    public static partial void PayloadRejected(ILogger logger, string topic, string device, string reason, int suppressed);

    [LoggerMessage(554, LogLevel.Warning, "MQTT message on {Topic} matches no device mapping and is ignored ({Suppressed} more were not logged)")]
    public static partial void TopicNotMapped(ILogger logger, string topic, int suppressed);

    [LoggerMessage(555, LogLevel.Warning, "MQTT device {Device} is offline: no message on its topics for {Quiet}; it gets no readings until it publishes again. Check the device and its topic")]
    public static partial void DeviceOffline(ILogger logger, string device, TimeSpan quiet);

    [LoggerMessage(556, LogLevel.Information, "MQTT device {Device} is online (message on {Topic})")]
    public static partial void DeviceOnline(ILogger logger, string device, string topic);

    [LoggerMessage(557, LogLevel.Information, "Embedded MQTT broker listening on {Address}:{Port}")]
    public static partial void EmbeddedBrokerStarted(ILogger logger, string address, int port);

    [LoggerMessage(558, LogLevel.Error, "The embedded MQTT broker could not listen on port {Port} ({Error}); is another broker running there? Set a broker address or another port. Retrying in {RetryIn}")]
    public static partial void EmbeddedBrokerFailed(ILogger logger, int port, string error, TimeSpan retryIn);

    [LoggerMessage(559, LogLevel.Warning, "MQTT broker {Broker} refused the subscription to {Filter} ({Result}); that topic's values will be missing")]
    public static partial void SubscriptionRefused(ILogger logger, string broker, string filter, string result);

    [LoggerMessage(560, LogLevel.Information, "MQTT publisher connected to {Broker}; publishing readings under {Root}")]
    public static partial void PublisherConnected(ILogger logger, string broker, string root);

    [LoggerMessage(561, LogLevel.Warning, "MQTT publisher cannot reach {Broker} ({Error}); readings stay queued (they are safe in the outbox anyway). Retrying in {RetryIn}")]
    public static partial void PublisherConnectFailed(ILogger logger, string broker, string error, TimeSpan retryIn);

    [LoggerMessage(562, LogLevel.Warning, "MQTT publisher queue is full; dropped {Count} oldest messages (the readings themselves are in the outbox and reach the node)")]
    public static partial void PublisherDropped(ILogger logger, long count);

    [LoggerMessage(563, LogLevel.Debug, "Skipped the retained MQTT message on {Topic}: its age is unknown; waiting for the device's next live message")]
    public static partial void RetainedSkipped(ILogger logger, string topic);
}
