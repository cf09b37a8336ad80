using Microsoft.Extensions.Logging;

namespace OpenVpp.Gateway.Adapters.P1;

/// <summary>The P1 adapter's log lines (EventIds 400–449).</summary>
internal static partial class P1Log
{
    [LoggerMessage(400, LogLevel.Information, "P1 meter {Device}: connected to {Source}")]
    public static partial void Connected(ILogger logger, string device, string source);

    [LoggerMessage(401, LogLevel.Information, "P1 meter {Device} is online: first telegram (DSMR {Variant}, version {Version}, meter {Identification})")]
    public static partial void Online(ILogger logger, string device, string variant, string? version, string identification);

    [LoggerMessage(402, LogLevel.Warning, "P1 meter {Device} is offline: {Reason}. Retrying in {RetryIn}; its intervals get no reading until telegrams arrive again")]
    public static partial void Offline(ILogger logger, string device, string? reason, TimeSpan? retryIn);

    [LoggerMessage(403, LogLevel.Debug, "P1 meter {Device}: still unreachable ({Reason}); retrying in {RetryIn}")]
    public static partial void StillOffline(ILogger logger, string device, string? reason, TimeSpan? retryIn);

    [LoggerMessage(404, LogLevel.Warning, "P1 meter {Device}: telegram refused: {Reason}. The next telegram is used; if this repeats, check the cable, baud rate and framing (DSMR 4/5: 115200 8N1, DSMR 2.2/3.0: 9600 7E1)")]
    public static partial void TelegramRefused(ILogger logger, string device, string reason);

    [LoggerMessage(405, LogLevel.Debug, "P1 meter {Device}: telegram refused: {Reason}")]
    public static partial void TelegramRefusedAgain(ILogger logger, string device, string reason);

    [LoggerMessage(406, LogLevel.Warning, "P1 meter {Device}: telegram without import/export totals (meter {Meter}); only its power is used")]
    public static partial void NoRegisters(ILogger logger, string device, string meter);

    [LoggerMessage(407, LogLevel.Debug, "P1 meter {Device}: gas meter on channel {Channel} reads {GasM3} m3 at {ReadAt}; gas is not a device kind and is not reported")]
    public static partial void GasIgnored(ILogger logger, string device, int channel, decimal gasM3, DateTimeOffset? readAt);

    [LoggerMessage(408, LogLevel.Error, "P1 meter {Device}: reading failed unexpectedly; restarting the reader in {RetryIn}")]
    public static partial void ReaderFailed(ILogger logger, Exception exception, string device, TimeSpan retryIn);
}
