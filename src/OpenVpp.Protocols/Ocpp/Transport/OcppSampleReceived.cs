namespace OpenVpp.Protocols.Ocpp.Transport;

/// <summary>
/// A reading derived from a station's meter values (MeterValues, Start/StopTransaction, TransactionEvent).
/// <paramref name="ConnectorId"/> is the 1.6 connectorId or the 2.0.1 evseId the reading belongs to (0: the station's
/// main meter); null when the station did not say and the transaction it names is not known (e.g. begun before a
/// CSMS restart).
/// </summary>
public sealed record OcppSampleReceived(string StationId, DateTimeOffset At, string Action, OcppMeterSample Sample, int? ConnectorId = null)
    : OcppCsmsEvent(StationId, At);
