using Microsoft.Extensions.Logging;

namespace OpenVpp.Protocols.Ocpp.Transport;

/// <summary>The CSMS's log lines (EventIds 500-529).</summary>
internal static partial class OcppLog
{
    [LoggerMessage(500, LogLevel.Information, "OCPP CSMS listening on ws://{Address}:{Port}/ocpp/{{stationId}} (subprotocols ocpp1.6, ocpp2.0.1)")]
    public static partial void Listening(ILogger logger, string address, int port);

    [LoggerMessage(501, LogLevel.Information, "OCPP station {Station} connected from {Remote} speaking {Subprotocol}")]
    public static partial void Connected(ILogger logger, string station, string remote, string subprotocol);

    [LoggerMessage(502, LogLevel.Warning, "Refused an OCPP connection for {Station} from {Remote}: {Reason}. Configure the charger to offer subprotocol ocpp1.6 or ocpp2.0.1 at ws://<gateway>:<port>/ocpp/<station id>")]
    public static partial void Refused(ILogger logger, string station, string remote, string reason);

    [LoggerMessage(503, LogLevel.Information, "OCPP station {Station} disconnected: {Reason}")]
    public static partial void Disconnected(ILogger logger, string station, string reason);

    [LoggerMessage(504, LogLevel.Information, "OCPP station {Station} reconnected; its previous connection is closed")]
    public static partial void Replaced(ILogger logger, string station);

    [LoggerMessage(505, LogLevel.Warning, "OCPP station {Station} sent a message the CSMS refused with {Code} ({Description}); the connection stays open; check the charger's firmware or configuration")]
    public static partial void Refusing(ILogger logger, string station, string code, string description);

    [LoggerMessage(506, LogLevel.Warning, "OCPP station {Station} sent a {Bytes}-byte message, over the {Limit}-byte limit; it is dropped unread and answered with a CALLERROR")]
    public static partial void Oversized(ILogger logger, string station, long bytes, int limit);

    [LoggerMessage(507, LogLevel.Warning, "OCPP station {Station} keeps sending one message past {Bytes} bytes; closing the connection with 1009 (message too big)")]
    public static partial void OversizedClose(ILogger logger, string station, long bytes);

    [LoggerMessage(508, LogLevel.Warning, "OCPP station {Station} did not answer {Action} within {Timeout}; it may be busy or its connection half-open")]
    public static partial void CallTimedOut(ILogger logger, string station, string action, TimeSpan timeout);

    [LoggerMessage(509, LogLevel.Warning, "OCPP station {Station} answered {Action} with an invalid payload ({Code}: {Description})")]
    public static partial void InvalidAnswer(ILogger logger, string station, string action, string code, string description);

    [LoggerMessage(510, LogLevel.Debug, "OCPP station {Station} answered message {MessageId}, which the CSMS is not waiting for (late after a timeout?); ignored")]
    public static partial void UnexpectedAnswer(ILogger logger, string station, string messageId);

    [LoggerMessage(511, LogLevel.Error, "An observer of OCPP events failed on {Event}; the CSMS carries on")]
    public static partial void ObserverFailed(ILogger logger, Exception exception, string @event);

    [LoggerMessage(512, LogLevel.Error, "The CSMS built an answer to {Action} from {Station} that does not match the OCPP schema; answered InternalError. This is a bug")]
    public static partial void InvalidOwnAnswer(ILogger logger, Exception exception, string action, string station);

    [LoggerMessage(513, LogLevel.Information, "OCPP station {Station} disconnected in the middle of a message ({Error})")]
    public static partial void DroppedMidMessage(ILogger logger, string station, string error);

    [LoggerMessage(514, LogLevel.Warning, "OCPP station {Station} answered {Action} with CALLERROR {Code}: {Description}")]
    public static partial void CallRefused(ILogger logger, string station, string action, string code, string description);

    [LoggerMessage(515, LogLevel.Error, "Handling OCPP station {Station} failed; its connection is closed and it may reconnect. This is a bug: please report it with this log")]
    public static partial void HandlerFailed(ILogger logger, Exception exception, string station);

    [LoggerMessage(516, LogLevel.Warning, "Refused an OCPP connection for {Station} from {Remote} with 404: the station is not configured on this CSMS. Add it to the configuration if it is yours (further attempts from this address are not logged)")]
    public static partial void RefusedUnknown(ILogger logger, string station, string remote);

    [LoggerMessage(517, LogLevel.Warning, "Refused an OCPP connection for {Station} from {Remote} with 401: {Reason}. Set the station's HTTP Basic password (AuthorizationKey / BasicAuthPassword) to the one configured for it (further attempts from this address are not logged)")]
    public static partial void RefusedCredentials(ILogger logger, string station, string remote, string reason);
}
