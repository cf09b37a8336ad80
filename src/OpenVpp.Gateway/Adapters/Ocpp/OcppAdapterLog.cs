using Microsoft.Extensions.Logging;

namespace OpenVpp.Gateway.Adapters.Ocpp;

/// <summary>The OCPP adapter's log lines (EventIds 530-549).</summary>
internal static partial class OcppAdapterLog
{
    [LoggerMessage(530, LogLevel.Warning, "OCPP station {Station} connected but is not in the gateway configuration; it is answered but not metered (unknown stations are allowed). Add it under the OCPP adapter's stations to meter it")]
    public static partial void UnknownStation(ILogger logger, string station);

    [LoggerMessage(531, LogLevel.Information, "Charging limit of {Device} ({Station}) set to {Limit}: station answered {Answer}")]
    public static partial void LimitApplied(ILogger logger, string device, string station, string limit, string answer);

    [LoggerMessage(532, LogLevel.Warning, "Charging limit of {Device} ({Station}) to {Limit} was not applied: {Outcome}. It is retried with backoff, and when the station next connects or boots")]
    public static partial void LimitNotApplied(ILogger logger, string device, string station, string limit, string outcome);

    [LoggerMessage(533, LogLevel.Information, "Charging limit of {Device} ({Station}) to {Limit} is remembered: the station is not connected and gets it when it connects")]
    public static partial void LimitDeferred(ILogger logger, string device, string station, string limit);

    [LoggerMessage(534, LogLevel.Warning, "OCPP station {Station} sent a reading stamped {Stamp:O}, {Skew} away from the gateway clock; it is filed at the time it arrived. Check the charger's clock (NTP)")]
    public static partial void ClockSkew(ILogger logger, string station, DateTimeOffset stamp, TimeSpan skew);

    [LoggerMessage(535, LogLevel.Information, "OCPP adapter: {Count} stations configured; chargers connect to ws://<gateway>:{Port}/ocpp/<station id>")]
    public static partial void Started(ILogger logger, int count, int port);

    [LoggerMessage(536, LogLevel.Error, "OCPP adapter could not send the charging limit to {Station}")]
    public static partial void LimitFailed(ILogger logger, Exception exception, string station);
}
