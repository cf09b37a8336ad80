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

    /// <summary>Serialises charging-profile CALLs to this station, so an older limit never lands after a newer one.</summary>
    public SemaphoreSlim LimitGate { get; } = new(1, 1);

    /// <summary>Which delivery loop is current; an older loop ends when it sees a newer number.</summary>
    public int DeliveryGeneration;

    /// <summary>The readings of this station, merged over its connectors.</summary>
    public OcppConnectorMerge Connectors { get; } = new();

    private DeviceLinkState? Link { get; set; }

    private (int? LimitW, long Version, long Delivered)? Limit { get; set; }

    /// <summary>Whether a limit (or its removal) has been asked for at all.</summary>
    public bool LimitRequested
    {
        get
        {
            lock (_gate)
            {
                return Limit is not null;
            }
        }
    }

    /// <summary>Records the wanted limit (null: none); it is re-sent at every connect and boot.</summary>
    public void Want(int? limitW)
    {
        lock (_gate)
        {
            Limit = (limitW, (Limit?.Version ?? 0) + 1, Limit?.Delivered ?? 0);
        }
    }

    /// <summary>The wanted limit, its version, and whether the station accepted that version already.</summary>
    public (int? LimitW, long Version, bool Delivered) Wanted()
    {
        lock (_gate)
        {
            return Limit is { } l ? (l.LimitW, l.Version, l.Delivered == l.Version) : (null, 0, true);
        }
    }

    public void Delivered(long version)
    {
        lock (_gate)
        {
            if (Limit is { } l && version > l.Delivered)
            {
                Limit = l with { Delivered = version };
            }
        }
    }

    /// <summary>Marks the wanted limit as not (or no longer) on the station: it reconnected or rebooted.</summary>
    public void Undelivered()
    {
        lock (_gate)
        {
            if (Limit is { } l)
            {
                Limit = l with { Delivered = 0 };
            }
        }
    }

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

    /// <summary>
    /// Records <paramref name="limitW"/> as the limit this charger should have and sends it. Completes once the limit
    /// is recorded: when the station is offline, it is sent when the station next connects or boots; when it is
    /// connected, after its first answer. Throws <see cref="InvalidOperationException"/> when the station answered
    /// anything but Accepted (Rejected, a CALLERROR, no answer in time, gone meanwhile): the limit is then not
    /// applied, and is retried with backoff (5 s doubling to 5 min) until the station accepts it or another limit
    /// replaces it. Returning normally therefore means "accepted by the station, or deferred until it connects",
    /// never "rejected".
    /// </summary>
    public ValueTask ApplyChargingLimitAsync(int? limitW, CancellationToken cancellationToken) =>
        _adapter.ApplyLimitAsync(this, limitW, cancellationToken);
}
