namespace OpenVpp.Protocols.Ocpp.Transport;

/// <summary>Something that happened on a station's connection, for the adapter and the commissioning tool.</summary>
public abstract record OcppCsmsEvent(string StationId, DateTimeOffset At);
