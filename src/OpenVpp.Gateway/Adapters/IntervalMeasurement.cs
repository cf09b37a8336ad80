using OpenVpp.Core.Readings;

namespace OpenVpp.Gateway.Adapters;

/// <summary>
/// What one device measured over one interval, in the units and directions of <see cref="Reading"/>: whole Wh,
/// W, and basis points for state of charge and health (null where the device has none).
/// </summary>
public sealed record IntervalMeasurement(
    string DeviceName,
    long EnergyImportedWh,
    long EnergyExportedWh,
    int AveragePowerW,
    int PeakPowerW,
    ushort? StateOfChargeBp,
    ushort? StateOfHealthBp,
    ReadingStatus Flags);
