using Microsoft.Extensions.Logging;

namespace OpenVpp.Gateway.Adapters.SunSpec;

/// <summary>Log lines of the SunSpec adapter (EventIds 450-499): what happened and what the operator can do.</summary>
internal static partial class SunSpecLog
{
    [LoggerMessage(450, LogLevel.Information, "SunSpec unit {Unit} on {Endpoint} ({Device}): marker at {BaseAddress}, models {Models}; {Manufacturer} {Model} serial {Serial}")]
    public static partial void Discovered(ILogger logger, byte unit, string endpoint, string device, ushort baseAddress, string models, string? manufacturer, string? model, string? serial);

    [LoggerMessage(451, LogLevel.Warning, "SunSpec device {Device} (unit {Unit} on {Endpoint}) is offline: {Error}. Retrying in {RetryIn}; check that the device is on, reachable and has Modbus TCP enabled")]
    public static partial void Offline(ILogger logger, string device, byte unit, string endpoint, string error, TimeSpan retryIn);

    [LoggerMessage(452, LogLevel.Information, "SunSpec device {Device} (unit {Unit} on {Endpoint}) is online again after {Failures} failed attempts")]
    public static partial void Online(ILogger logger, string device, byte unit, string endpoint, int failures);

    [LoggerMessage(453, LogLevel.Error, "SunSpec device {Device} does not match its configuration: {Error}. Fix the unit id or the kind in the gateway configuration; retrying in {RetryIn}")]
    public static partial void Mismatch(ILogger logger, string device, string error, TimeSpan retryIn);

    [LoggerMessage(454, LogLevel.Warning, "SunSpec device {Device} refused a request: {Error}. The adapter keeps polling; retrying in {RetryIn}")]
    public static partial void Refused(ILogger logger, string device, string error, TimeSpan retryIn);

    [LoggerMessage(455, LogLevel.Information, "SunSpec models {Models} of {Device} have no definition in this gateway and are skipped")]
    public static partial void UnknownModels(ILogger logger, string device, string models);

    [LoggerMessage(456, LogLevel.Information, "SunSpec device {Device}: {Control} written via model {Model} ({Detail})")]
    public static partial void ControlApplied(ILogger logger, string device, string control, int model, string detail);

    [LoggerMessage(457, LogLevel.Error, "SunSpec device {Device}: could not apply {Control}: {Error}")]
    public static partial void ControlFailed(ILogger logger, string device, string control, string error);
}
