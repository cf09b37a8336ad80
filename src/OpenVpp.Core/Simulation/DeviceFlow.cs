namespace OpenVpp.Core.Simulation;

/// <summary>One device's whole-Wh energy in each direction over an interval, plus its modelled peak power.</summary>
internal readonly record struct DeviceFlow(long ImportedWh, long ExportedWh, int PeakPowerW)
{
    /// <summary>What this device adds to the grid meter's net import, Wh.</summary>
    public long NetImportWh => ImportedWh - ExportedWh;
}
