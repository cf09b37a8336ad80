namespace OpenVpp.Protocols.Ocpp.Transport;

/// <summary>
/// A StatusNotification: connector (1.6; 0 is the whole station) or EVSE/connector (2.0.1) status such as Available,
/// Charging, Faulted.
/// </summary>
public sealed record OcppStatusChanged(string StationId, DateTimeOffset At, int ConnectorId, string Status, string? ErrorCode) : OcppCsmsEvent(StationId, At)
{
    /// <summary>Whether the station reports a fault (1.6 status Faulted, 2.0.1 connectorStatus Faulted).</summary>
    public bool IsFault => Status == "Faulted";
}
