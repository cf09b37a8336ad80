using OpenVpp.Core.Readings;

namespace OpenVpp.Core.Simulation;

/// <summary>
/// Turns whole-Wh flows into a <see cref="DeviceMeasurement"/>: average power from the net energy (positive when
/// the device exported on balance), and a peak that is at least the average, at most the nameplate.
/// </summary>
internal static class MeasurementFactory
{
    public static DeviceMeasurement Create(
        int deviceIndex,
        DeviceFlow flow,
        long nameplatePowerW,
        long durationTicks,
        ushort? stateOfChargeBp = null,
        ushort? stateOfHealthBp = null)
    {
        var exportedNetWh = flow.ExportedWh - flow.ImportedWh;
        var averageW = IntervalEnergy.AveragePowerW(exportedNetWh, durationTicks);
        var leastPeakW = IntervalEnergy.AveragePowerCeilingW(exportedNetWh, durationTicks);
        var peakW = (int)Math.Min(Math.Max(flow.PeakPowerW, leastPeakW), nameplatePowerW);
        return new DeviceMeasurement(
            deviceIndex,
            flow.ImportedWh,
            flow.ExportedWh,
            averageW,
            peakW,
            stateOfChargeBp,
            stateOfHealthBp,
            ReadingStatus.Estimated);
    }
}
