namespace OpenVpp.Protocols.Ocpp.Transport;

/// <summary>A station's BootNotification was accepted; a good moment to send it its charging limit.</summary>
public sealed record OcppStationBooted(string StationId, DateTimeOffset At, OcppVersion Version, string Vendor, string Model) : OcppCsmsEvent(StationId, At);
