using OpenVpp.Core.Devices;

namespace OpenVpp.Core.Simulation;

/// <summary>
/// Deterministic simulated fleet of homes (PV, battery, EV charger, household load, grid meter). The same
/// <see cref="FleetOptions"/> (seed included) always give the same devices and the same measurements; nothing
/// reads the wall clock or shared randomness. Steps are sequential because batteries, clouds and EV sessions
/// carry state from one interval to the next.
/// </summary>
public sealed class FleetSimulator
{
    /// <summary>Regions used when <see cref="FleetOptions.Regions"/> is not given.</summary>
    public static readonly IReadOnlyList<string> DefaultRegions = ["NL-NH", "NL-NB"];

    private readonly SimulatedHome[] _homes;
    private readonly SimulatedHome[] _homeOfDevice;
    private readonly IReadOnlyList<string> _regions;
    private readonly FleetControls _controls = new();
    private long _intervalIndex;

    public FleetSimulator(FleetOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Validate(options);
        Options = options;
        Now = options.Origin;
        _regions = options.Regions is { Count: > 0 } regions ? [.. regions] : DefaultRegions;

        var plans = FleetLayout.PlanHomes(options.Seed, options.DeviceCount, _regions.Count);
        _homes = [.. plans.Select(plan => new SimulatedHome(options.Seed, plan))];
        Devices = FleetLayout.Devices(plans, _regions);
        _homeOfDevice = [.. _homes.SelectMany(home => Enumerable.Repeat(home, home.Plan.DeviceCount))];
    }

    public FleetOptions Options { get; }

    /// <summary>All devices, home by home (meter, load, then PV, battery, EV charger where present).</summary>
    public IReadOnlyList<SimulatedDevice> Devices { get; }

    /// <summary>Start of the next interval <see cref="Step"/> will simulate.</summary>
    public DateTimeOffset Now { get; private set; }

    internal IReadOnlyList<SimulatedHome> Homes => _homes;

    /// <summary>Every control change applied so far, in time order; replaying them on a new simulator gives the same fleet.</summary>
    public IReadOnlyList<ControlChange> ControlHistory => [.. _controls.All];

    /// <summary>
    /// Applies a demand-response control from the first interval starting at or after <see cref="ControlChange.From"/>.
    /// The control must fit the device (a battery setpoint to a battery, a charging limit to an EV charger, a
    /// generation limit to a PV inverter), and may not reach back before <see cref="Now"/>: simulated intervals are history.
    /// </summary>
    public void Control(ControlChange change)
    {
        if ((uint)change.DeviceIndex >= (uint)Devices.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(change), change.DeviceIndex, $"No device {change.DeviceIndex}: the fleet has {Devices.Count}.");
        }

        if (change.From < Now)
        {
            throw new ArgumentOutOfRangeException(nameof(change), change.From, $"A control cannot start before the simulator's next interval ({Now:O}).");
        }

        var device = Devices[change.DeviceIndex];
        if (change.Control is { } control && ControlledKind(control.Kind) != device.Kind)
        {
            throw new ArgumentException($"{device.Name} is a {device.Kind}; a {control.Kind} control needs a {ControlledKind(control.Kind)}.", nameof(change));
        }

        _controls.Add(change);
    }

    /// <summary>What a dispatcher would read off device <paramref name="deviceIndex"/> before the interval starting at <see cref="Now"/>.</summary>
    public SimulatedDeviceState StateOf(int deviceIndex)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)deviceIndex, (uint)Devices.Count, nameof(deviceIndex));
        var home = _homeOfDevice[deviceIndex];
        var device = Devices[deviceIndex];
        var control = _controls.IsEmpty ? null : _controls.ActiveAt(deviceIndex, Now);
        if (deviceIndex == home.BatteryDeviceIndex && home.Battery is { } battery)
        {
            return new SimulatedDeviceState(device.Kind, device.NameplatePowerW, control)
            {
                StoredWh = battery.StoredWh,
                ReserveWh = battery.ReserveWh,
                UsableCapacityWh = battery.UsableCapacityWh,
            };
        }

        if (deviceIndex == home.EvDeviceIndex && home.Ev is { } ev && ev.PluggedAt(Now, CivilTime.OffsetFromUtc(Options.LongitudeDeg)) is { } plugged)
        {
            return new SimulatedDeviceState(device.Kind, device.NameplatePowerW, control)
            {
                DepartureAt = plugged.Session.Departure,
                RemainingNeedWh = plugged.Session.NeedWh - plugged.DeliveredWh,
            };
        }

        return new SimulatedDeviceState(device.Kind, device.NameplatePowerW, control);
    }

    /// <summary>Simulates [Now, Now + Interval) for every device and moves <see cref="Now"/> on by one interval.</summary>
    public FleetInterval Step()
    {
        var measurements = new DeviceMeasurement[Devices.Count];
        var interval = Advance(measurements);
        return new FleetInterval(interval.Start, interval.End, measurements);
    }

    /// <summary>
    /// Fast-forwards to <paramref name="intervalStart"/> by simulating every interval before it without keeping
    /// results, so the state afterwards is exactly what stepping would have left (a restarted gateway resumes
    /// where it stopped). The target must lie on the interval grid and not before <see cref="Now"/>.
    /// </summary>
    public void SkipTo(DateTimeOffset intervalStart)
    {
        if (intervalStart < Now)
        {
            throw new ArgumentOutOfRangeException(nameof(intervalStart), intervalStart, $"Cannot go back: the simulator is at {Now:O}.");
        }

        if ((intervalStart - Options.Origin).Ticks % Options.Interval.Ticks != 0)
        {
            throw new ArgumentException($"{intervalStart:O} is not an interval start (origin {Options.Origin:O}, interval {Options.Interval}).", nameof(intervalStart));
        }

        while (Now < intervalStart)
        {
            Advance(sink: null);
        }
    }

    private SimulationInterval Advance(DeviceMeasurement[]? sink)
    {
        var interval = new SimulationInterval(_intervalIndex, Now, Options.Interval, Options, _regions);
        foreach (var home in _homes)
        {
            home.Step(interval, sink, _controls);
        }

        _intervalIndex++;
        Now = interval.End;
        return interval;
    }

    private static DeviceKind ControlledKind(DeviceControlKind kind) => kind switch
    {
        DeviceControlKind.BatteryPowerSetpoint => DeviceKind.Battery,
        DeviceControlKind.ChargingLimit => DeviceKind.EvCharger,
        DeviceControlKind.GenerationLimit => DeviceKind.SolarInverter,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown control kind."),
    };

    private static void Validate(FleetOptions options)
    {
        if (options.DeviceCount < FleetLayout.MinDevicesPerHome)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.DeviceCount, "A fleet needs at least 2 devices (one home: meter and load).");
        }

        if (options.Interval <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Interval, "Interval must be positive.");
        }

        if (options.LatitudeDeg is < -90 or > 90 || double.IsNaN(options.LatitudeDeg))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.LatitudeDeg, "Latitude must be within ±90°.");
        }

        if (options.LongitudeDeg is < -180 or > 180 || double.IsNaN(options.LongitudeDeg))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.LongitudeDeg, "Longitude must be within ±180°.");
        }

        if (options.Regions is { } regions && regions.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("Region names must not be empty.", nameof(options));
        }
    }
}
