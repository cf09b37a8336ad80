using OpenVpp.Core.Readings;

namespace OpenVpp.Core.Simulation;

/// <summary>
/// What one simulated device measured over one interval, in the units and directions of <see cref="Reading"/>:
/// whole Wh (as a real meter register would give), W, and basis points for state of charge and health.
/// </summary>
public sealed record DeviceMeasurement(
    int DeviceIndex,
    long EnergyImportedWh,
    long EnergyExportedWh,
    int AveragePowerW,
    int PeakPowerW,
    ushort? StateOfChargeBp,
    ushort? StateOfHealthBp,
    ReadingStatus Status);
