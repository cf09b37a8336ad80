using System.Text.Json;

namespace OpenVpp.Protocols.Ocpp.Transport;

/// <summary>
/// One message from a station and how the CSMS answered it: <see cref="Action"/> for a CALL (null for answers and
/// unreadable frames), and <see cref="ErrorCode"/> when the CSMS refused it with a CALLERROR.
/// </summary>
public sealed record OcppMessageReceived(
    string StationId,
    DateTimeOffset At,
    OcppMessageType? Type,
    string MessageId,
    string? Action,
    JsonElement? Payload,
    string? ErrorCode,
    string? ErrorDescription) : OcppCsmsEvent(StationId, At);
