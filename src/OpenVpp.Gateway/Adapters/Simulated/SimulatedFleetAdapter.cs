using OpenVpp.Core.Simulation;

namespace OpenVpp.Gateway.Adapters.Simulated;

/// <summary>
/// Adapter over <see cref="FleetSimulator"/>: a deterministic fleet of homes. Because the same options always give
/// the same measurements, a restarted gateway fast-forwards the simulator to where its outbox stopped.
/// </summary>
public sealed class SimulatedFleetAdapter : IDeviceAdapter
{
    private readonly FleetSimulator _simulator;
    private readonly SimulatedAdapterDevice[] _devices;

    public SimulatedFleetAdapter(FleetOptions options)
    {
        _simulator = new FleetSimulator(options);
        _devices = [.. _simulator.Devices.Select(d => new SimulatedAdapterDevice(d))];
        Devices = _devices;
    }

    public string Name => "simulator";

    public IReadOnlyList<IAdapterDevice> Devices { get; }

    public ValueTask ResumeAtAsync(DateTimeOffset intervalStart, CancellationToken cancellationToken)
    {
        // The simulator is deterministic, so fast-forwarding gives the same state as never having stopped.
        if (_simulator.Now < intervalStart)
        {
            _simulator.SkipTo(intervalStart);
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask<IReadOnlyList<IntervalMeasurement>> MeasureAsync(DateTimeOffset intervalStart, DateTimeOffset intervalEnd, CancellationToken cancellationToken)
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

        var interval = _simulator.Step();
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
}
