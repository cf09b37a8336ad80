namespace OpenVpp.Protocols.Ocpp.Transport;

/// <summary>A station's connection ended (closed, dropped, or replaced by a newer connection of the same station).</summary>
public sealed record OcppStationDisconnected(string StationId, DateTimeOffset At, string Reason) : OcppCsmsEvent(StationId, At);
