namespace OpenVpp.Protocols.Ocpp.Transport;

/// <summary>A reading derived from a station's meter values (MeterValues, Start/StopTransaction, TransactionEvent).</summary>
public sealed record OcppSampleReceived(string StationId, DateTimeOffset At, string Action, OcppMeterSample Sample) : OcppCsmsEvent(StationId, At);
