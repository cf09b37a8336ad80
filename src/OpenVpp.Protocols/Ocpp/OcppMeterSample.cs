namespace OpenVpp.Protocols.Ocpp;

/// <summary>
/// What one OCPP meterValue said at one instant, in the gateway's units and directions: cumulative registers in Wh
/// (imported = into the charger), power in W signed as the gateway signs it (positive when the charger delivers, so a
/// charging EV gives a negative value) and state of charge in basis points. Absent fields are null.
/// </summary>
public sealed record OcppMeterSample(
    DateTimeOffset At,
    long? ImportedWh = null,
    long? ExportedWh = null,
    int? PowerW = null,
    ushort? StateOfChargeBp = null)
{
    public bool IsEmpty => ImportedWh is null && ExportedWh is null && PowerW is null && StateOfChargeBp is null;
}
