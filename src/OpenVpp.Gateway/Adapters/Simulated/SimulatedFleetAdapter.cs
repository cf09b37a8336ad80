using OpenVpp.Core.Devices;
using OpenVpp.Core.Simulation;

namespace OpenVpp.Gateway.Adapters.Simulated;

/// <summary>
/// Adapter over <see cref="FleetSimulator"/>: a deterministic fleet of homes. Because the same options and the same
/// control history always give the same measurements, a restarted gateway replays its control journal and
/// fast-forwards the simulator to where its outbox stopped. Batteries, EV chargers and PV inverters take
/// demand-response setpoints through the same capabilities as real devices.
/// </summary>
public sealed class SimulatedFleetAdapter : IDeviceAdapter
{
    private readonly FleetSimulator _simulator;
    private readonly SimulatedAdapterDevice[] _devices;
    private readonly SimulationControlJournal? _journal;
    private readonly Lock _gate = new();

    /// <param name="options">The fleet.</param>
    /// <param name="journal">Where control changes are kept across restarts; without one they live in memory only.</param>
    public SimulatedFleetAdapter(FleetOptions options, SimulationControlJournal? journal = null)
    {
        _simulator = new FleetSimulator(options);
        _journal = journal;
        foreach (var change in journal?.Load() ?? [])
        {
            _simulator.Control(change);
        }

        _devices = [.. _simulator.Devices.Select((d, i) => Create(d, i))];
        Devices = _devices;
    }

    public string Name => "simulator";

    public IReadOnlyList<IAdapterDevice> Devices { get; }

    /// <summary>The state a dispatcher reads of <paramref name="deviceName"/> before the next simulated interval.</summary>
    public SimulatedDeviceState StateOf(string deviceName)
    {
        var device = Array.Find(_devices, d => d.Descriptor.Name == deviceName)
            ?? throw new ArgumentException($"No simulated device '{deviceName}'.", nameof(deviceName));
        lock (_gate)
        {
            return _simulator.StateOf(device.DeviceIndex);
        }
    }

    internal SimulatedDeviceState StateOf(int deviceIndex)
    {
        lock (_gate)
        {
            return _simulator.StateOf(deviceIndex);
        }
    }

    public ValueTask ResumeAtAsync(DateTimeOffset intervalStart, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            // The simulator is deterministic, so fast-forwarding gives the same state as never having stopped.
            if (_simulator.Now < intervalStart)
            {
                _simulator.SkipTo(intervalStart);
            }
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask<IReadOnlyList<IntervalMeasurement>> MeasureAsync(DateTimeOffset intervalStart, DateTimeOffset intervalEnd, CancellationToken cancellationToken)
    {
        FleetInterval interval;
        lock (_gate)
        {
            // An interval skipped after an earlier failure: catch the deterministic simulator up instead of failing forever.
            if (_simulator.Now < intervalStart)
            {
                _simulator.SkipTo(intervalStart);
            }

            if (_simulator.Now != intervalStart || intervalStart + _simulator.Options.Interval != intervalEnd)
            {
                throw new InvalidOperationException(
                    $"The simulator is at {_simulator.Now:O} with {_simulator.Options.Interval} intervals but was asked for [{intervalStart:O}, {intervalEnd:O}).");
            }

            interval = _simulator.Step();
        }

        var measurements = new List<IntervalMeasurement>(interval.Measurements.Count);
        foreach (var m in interval.Measurements)
        {
            var device = _devices[m.DeviceIndex];
            device.Observe(m);
            measurements.Add(new IntervalMeasurement(
                device.Descriptor.Name,
                m.EnergyImportedWh,
                m.EnergyExportedWh,
                m.AveragePowerW,
                m.PeakPowerW,
                m.StateOfChargeBp,
                m.StateOfHealthBp,
                m.Status));
        }

        return ValueTask.FromResult<IReadOnlyList<IntervalMeasurement>>(measurements);
    }

    /// <summary>Applies a control from the next simulated interval on: journalled first, so a crash cannot lose it.</summary>
    internal void ApplyControl(int deviceIndex, DeviceControl? control)
    {
        lock (_gate)
        {
            var change = new ControlChange(_simulator.Now, deviceIndex, control);
            _journal?.Append(change);
            _simulator.Control(change);
        }
    }

    private SimulatedAdapterDevice Create(SimulatedDevice device, int index) => device.Kind switch
    {
        DeviceKind.Battery => new SimulatedBatteryDevice(device, index, this),
        DeviceKind.EvCharger => new SimulatedEvChargerDevice(device, index, this),
        DeviceKind.SolarInverter => new SimulatedInverterDevice(device, index, this),
        _ => new SimulatedAdapterDevice(device, index),
    };
}
