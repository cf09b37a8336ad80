using Microsoft.Extensions.Logging;

namespace OpenVpp.Gateway.Hosting;

/// <summary>The gateway's log lines: what happened and, where there is something to do, what the operator can do.</summary>
internal static partial class GatewayLog
{
    [LoggerMessage(1, LogLevel.Information, "Keystore {Path} holds {Count} device identities ({Created} created now)")]
    public static partial void KeystoreLoaded(ILogger logger, string path, int count, int created);

    [LoggerMessage(2, LogLevel.Information, "Registered {Count} devices with the node at {Node} ({Registered} new, {Already} already registered)")]
    public static partial void DevicesRegistered(ILogger logger, int count, string node, int registered, int already);

    [LoggerMessage(3, LogLevel.Error, "The node refused to register device {Device} ({DeviceId}): {Error}. Its readings will wait in the outbox; fix the device description and restart the gateway")]
    public static partial void DeviceRegistrationRejected(ILogger logger, string device, string deviceId, string error);

    [LoggerMessage(4, LogLevel.Warning, "Could not register devices: the node at {Node} is unreachable ({Error}). Readings are kept in the outbox; retrying in {RetryIn}")]
    public static partial void RegistrationNodeUnreachable(ILogger logger, string node, string error, TimeSpan retryIn);

    [LoggerMessage(5, LogLevel.Warning, "The node at {Node} is unreachable ({Error}); {Pending} readings are waiting safely in the outbox. Retrying in {RetryIn} (at {RetryAt:O}); check that the node is running and reachable")]
    public static partial void NodeUnreachable(ILogger logger, string node, string error, long pending, TimeSpan retryIn, DateTimeOffset retryAt);

    [LoggerMessage(6, LogLevel.Information, "The node at {Node} is reachable again; delivered {Delivered} readings that waited in the outbox")]
    public static partial void NodeReachableAgain(ILogger logger, string node, long delivered);

    [LoggerMessage(7, LogLevel.Warning, "The node rejected reading {Sequence} of device {Device} ({DeviceId}) as {Reason}{Detail}; it will never be accepted and is kept in the outbox for audit only")]
    public static partial void ReadingRejected(ILogger logger, ulong sequence, string device, string deviceId, string reason, string detail);

    [LoggerMessage(8, LogLevel.Warning, "The node does not know {Count} devices yet (first: {Device}); their readings stay in the outbox and registration is retried in {RetryIn}")]
    public static partial void DevicesUnknownToNode(ILogger logger, int count, string device, TimeSpan retryIn);

    [LoggerMessage(9, LogLevel.Debug, "Uploaded {Count} readings: {Delivered} stored, {Rejected} rejected, {Waiting} waiting for registration")]
    public static partial void BatchUploaded(ILogger logger, int count, int delivered, int rejected, int waiting);

    [LoggerMessage(10, LogLevel.Information, "Outbox drained: {Count} readings delivered in this pass")]
    public static partial void CaughtUp(ILogger logger, long count);

    [LoggerMessage(11, LogLevel.Debug, "Wrote interval {Start:O} to the outbox: {Count} signed readings")]
    public static partial void IntervalWritten(ILogger logger, DateTimeOffset start, int count);

    [LoggerMessage(12, LogLevel.Information, "Producing {Count} missed intervals from {From:O}, after the gateway was stopped")]
    public static partial void CatchingUp(ILogger logger, long count, DateTimeOffset from);

    [LoggerMessage(13, LogLevel.Information, "Producer starts at interval {Start:O} ({Devices} devices, {Adapters} adapters, resuming: {Resuming})")]
    public static partial void ProducerStarting(ILogger logger, DateTimeOffset start, int devices, int adapters, bool resuming);

    [LoggerMessage(14, LogLevel.Error, "Adapter {Adapter} failed to measure interval {Start:O}; its devices get no reading for it")]
    public static partial void AdapterFailed(ILogger logger, Exception exception, string adapter, DateTimeOffset start);

    [LoggerMessage(15, LogLevel.Warning, "Adapter {Adapter} reported a measurement for {Device}, which is not in the keystore; it is dropped")]
    public static partial void UnknownMeasurementDevice(ILogger logger, string adapter, string device);

    [LoggerMessage(16, LogLevel.Information, "Pruned {Count} acknowledged readings older than {Cutoff:O} from the outbox")]
    public static partial void Pruned(ILogger logger, int count, DateTimeOffset cutoff);

    [LoggerMessage(17, LogLevel.Error, "The node answered a batch of {Sent} readings with {Answered} results; the batch is kept and resent. The node may be a different version than this gateway")]
    public static partial void MismatchedAnswer(ILogger logger, int sent, int answered);

    [LoggerMessage(18, LogLevel.Critical, "Could not write interval {Start:O} to the outbox at {Path}; the gateway stops rather than lose readings. Check free disk space and permissions, then restart")]
    public static partial void OutboxWriteFailed(ILogger logger, Exception exception, DateTimeOffset start, string path);

    [LoggerMessage(19, LogLevel.Warning, "Adapter {Adapter} reported {Device} twice for interval {Start:O}; only the first measurement is kept")]
    public static partial void RepeatedMeasurement(ILogger logger, string adapter, string device, DateTimeOffset start);

    [LoggerMessage(20, LogLevel.Information, "{Count} devices are not in the node's on-chain registry yet; their readings wait in the outbox until their owner registers them (openvpp device register)")]
    public static partial void DevicesAwaitingChainRegistration(ILogger logger, int count);

    [LoggerMessage(21, LogLevel.Error, "Adapter {Adapter} stopped with an error; its devices get no readings until it runs again. Restarting it in up to {RetryIn}")]
    public static partial void AdapterCrashed(ILogger logger, Exception exception, string adapter, TimeSpan retryIn);

    [LoggerMessage(22, LogLevel.Warning, "Adapter {Adapter} stopped on its own; restarting it")]
    public static partial void AdapterStoppedEarly(ILogger logger, string adapter);

    [LoggerMessage(23, LogLevel.Information, "Device {Device} ({Adapter}) is online")]
    public static partial void DeviceOnline(ILogger logger, string device, string adapter);

    [LoggerMessage(24, LogLevel.Warning, "Device {Device} ({Adapter}) is offline: {Reason}. It gets no readings until it is back; the adapter keeps retrying with backoff")]
    public static partial void DeviceOffline(ILogger logger, string device, string adapter, string reason);

    [LoggerMessage(25, LogLevel.Warning, "{Observer} failed after interval {Start:O} was committed; the readings are safe in the outbox and the gateway goes on")]
    public static partial void ObserverFailed(ILogger logger, Exception exception, string observer, DateTimeOffset start);
}
