using Microsoft.Extensions.Logging;

namespace OpenVpp.Node;

internal static partial class NodeLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information,
        Message = "Node store opened at {Path}: {Devices} devices ({WithReadings} with readings), last sealed epoch {LastSealed}")]
    public static partial void StoreOpened(ILogger logger, string path, int devices, int withReadings, long? lastSealed);

    [LoggerMessage(EventId = 2, Level = LogLevel.Debug,
        Message = "Ingested a batch of {Count} readings: {Accepted} accepted, {Rejected} rejected")]
    public static partial void BatchIngested(ILogger logger, int count, int accepted, int rejected);

    [LoggerMessage(EventId = 3, Level = LogLevel.Debug,
        Message = "Rejected reading {Sequence} of device {DeviceId}: {Reason} ({Detail})")]
    public static partial void ReadingRejected(ILogger logger, string deviceId, ulong sequence, string reason, string detail);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information,
        Message = "Sealed epoch {Index} [{Start:O}, {End:O}): {Count} readings, root {Root}")]
    public static partial void EpochSealed(ILogger logger, long index, DateTimeOffset start, DateTimeOffset end, int count, string root);

    [LoggerMessage(EventId = 5, Level = LogLevel.Error,
        Message = "Sealing epochs failed; the sealer retries on its next check. If it keeps failing, check disk space and the node.db file")]
    public static partial void SealingFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 6, Level = LogLevel.Information,
        Message = "Registered {Added} new devices ({AlreadyRegistered} already registered, {Rejected} rejected)")]
    public static partial void DevicesRegistered(ILogger logger, int added, int alreadyRegistered, int rejected);

    [LoggerMessage(EventId = 7, Level = LogLevel.Information,
        Message = "Sealing {Count} epochs from {First} that ended while the node was not running")]
    public static partial void CatchingUp(ILogger logger, long count, long first);
}
