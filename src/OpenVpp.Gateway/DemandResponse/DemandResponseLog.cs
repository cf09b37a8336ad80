using Microsoft.Extensions.Logging;

namespace OpenVpp.Gateway.DemandResponse;

/// <summary>Log lines of demand-response execution at the edge.</summary>
internal static partial class DemandResponseLog
{
    [LoggerMessage(800, LogLevel.Information, "Demand response: {Device} set to {Kind} {W} W for event {EventId}")]
    public static partial void Applied(ILogger logger, string device, SetpointKind kind, int w, string eventId);

    [LoggerMessage(801, LogLevel.Information, "Demand response: {Device} returned to its own control")]
    public static partial void Released(ILogger logger, string device);

    [LoggerMessage(802, LogLevel.Warning, "Demand response: {Device} did not take its setpoint ({Error}); retrying in {RetryIn}. The event's report will show the device as not delivering until it does")]
    public static partial void ApplyFailed(ILogger logger, string device, string error, TimeSpan retryIn);

    [LoggerMessage(803, LogLevel.Warning, "Demand response: event {EventId} has an instruction for {Device}, which this gateway does not have; it is ignored. Check that the node's fleet matches the gateway config")]
    public static partial void UnknownDevice(ILogger logger, string eventId, string device);

    [LoggerMessage(804, LogLevel.Warning, "Demand response: event {EventId} asks {Device} for a {Kind}, which it cannot do (it is a {DeviceKind}); it is ignored")]
    public static partial void Unsupported(ILogger logger, string eventId, string device, SetpointKind kind, string deviceKind);
}
