namespace OpenVpp.Protocols.Ocpp.Transport;

/// <summary>A station opened its WebSocket and agreed on <paramref name="Version"/>.</summary>
public sealed record OcppStationConnected(string StationId, DateTimeOffset At, OcppVersion Version, string RemoteAddress) : OcppCsmsEvent(StationId, At);
