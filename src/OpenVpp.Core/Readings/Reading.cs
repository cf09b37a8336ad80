using OpenVpp.Core.Devices;

namespace OpenVpp.Core.Readings;

/// <summary>
/// One device's measurement over one interval. Energies are directional and never negative:
/// <see cref="EnergyImportedWh"/> flowed into the device (consumption, charging, grid import at a meter),
/// <see cref="EnergyExportedWh"/> flowed out of it (generation, discharge, grid export).
/// <see cref="AveragePowerW"/> is signed, positive when the device delivered energy (exported) on balance.
/// State of charge and health are in basis points (0–10000 = 0–100 %) and null where the device has none.
/// </summary>
public sealed record Reading(
    DeviceId DeviceId,
    ulong Sequence,
    DateTimeOffset IntervalStart,
    DateTimeOffset IntervalEnd,
    long EnergyImportedWh,
    long EnergyExportedWh,
    int AveragePowerW,
    int PeakPowerW,
    ushort? StateOfChargeBp,
    ushort? StateOfHealthBp,
    ReadingStatus Flags)
{
    public TimeSpan Duration => IntervalEnd - IntervalStart;
}
