using OpenVpp.Core.Devices;
using OpenVpp.Gateway.Adapters.Live;
using OpenVpp.Gateway.Capabilities;

namespace OpenVpp.Gateway.Adapters.Ocpp;

/// <summary>
/// One configured charger: its meter (fed by the CSMS's derived samples), link state and the charging limit the
/// gateway wants it to have. The limit is applied by <see cref="OcppAdapter"/>, which owns the connection.
/// </summary>
internal sealed class OcppStationDevice : IAdapterDevice, IPowerMeter, IStateOfCharge, IChargingLimit
{
    private readonly OcppAdapter _adapter;
    private readonly Lock _gate = new();

    public OcppStationDevice(OcppStationOptions station, OcppAdapter adapter)
    {
        Station = station;
        _adapter = adapter;
        Descriptor = new DeviceDescriptor(station.DeviceName, DeviceKind.EvCharger, station.NameplatePowerW, 0, station.Region, station.Site);
        Meter = new LiveIntervalMeter(station.DeviceName);
    }

    public OcppStationOptions Station { get; }

    public DeviceDescriptor Descriptor { get; }

    public LiveIntervalMeter Meter { get; }

    /// <summary>The limit the gateway wants (null: none); re-sent at every boot so a restarted charger keeps it.</summary>
    public int? WantedLimitW { get; set; }

    /// <summary>Whether <see cref="WantedLimitW"/> has been set at all (a null one still needs a clear).</summary>
    public bool LimitRequested { get; set; }

    private DeviceLinkState? Link { get; set; }

    /// <summary>The last known export register, for stations that report only the import one.</summary>
    public long? LastExportedWh { get; set; }

    /// <summary>The last known import register, for stations that report only the export one.</summary>
    public long? LastImportedWh { get; set; }

    public void SetLink(bool online, DateTimeOffset at, string? error)
    {
        lock (_gate)
        {
            Link = new DeviceLinkState(Descriptor.Name, online, at, error);
        }
    }

    public DeviceLinkState LinkState()
    {
        lock (_gate)
        {
            return Link ?? new DeviceLinkState(Descriptor.Name, false, null, "never connected");
        }
    }

    /// <summary>Latest power in W (negative while charging); 0 when the charger has not reported any.</summary>
    public ValueTask<int> CurrentPowerWAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult(Meter.Latest?.PowerW ?? 0);

    public ValueTask<ushort?> StateOfChargeBpAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult(Meter.Latest?.StateOfChargeBp);

    public ValueTask ApplyChargingLimitAsync(int? limitW, CancellationToken cancellationToken) =>
        _adapter.ApplyLimitAsync(this, limitW, cancellationToken);
}
