using OpenVpp.Core.Devices;
using OpenVpp.Core.Simulation;

namespace OpenVpp.Cli.Peers;

/// <summary>
/// One simulated home (grid meter, household load, PV, battery, EV charger) on the wall clock, so protocol peers can
/// serve it as live hardware: power that follows sun, load and EV, and registers that integrate it continuously.
/// The fleet simulator works in whole Wh per interval, so it is stepped a minute at a time (at a few seconds a step,
/// rounding would make power flicker between 0 and multiples of 3.6 kW); power holds between steps.
/// The home is the fleet simulator's first one that has all five devices, so a given seed always gives the same home.
/// </summary>
internal sealed class SimulatedHomeModel
{
    private readonly Lock _gate = new();
    private readonly FleetSimulator _simulator;
    private readonly HomeDeviceState[] _states;
    private readonly int[] _indices;

    // Registers integrate power in double precision: at steps of seconds, the simulator's whole-Wh interval energies
    // would round small loads to nothing. A real register shows whole Wh, rounded down.
    private readonly double[] _importedWh;
    private readonly double[] _exportedWh;

    private static readonly TimeSpan SimulationStep = TimeSpan.FromMinutes(1);

    private DateTimeOffset _integratedUntil;

    public SimulatedHomeModel(int seed, DateTimeOffset now, IReadOnlyList<string>? regions = null)
    {
        var step = SimulationStep;
        var origin = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % step.Ticks), TimeSpan.Zero) - step;
        // Homes draw PV, a battery and an EV at random: among 60 devices a complete home is all but certain.
        _simulator = new FleetSimulator(new FleetOptions(seed, 60, origin, step, Regions: regions));
        var home = _simulator.Devices.Select((d, i) => (d, i)).GroupBy(x => x.d.Site).FirstOrDefault(g => g.Count() == 5)
            ?? throw new InvalidOperationException($"Seed {seed} gives no home with PV, battery and EV charger among 60 devices; try another seed.");
        _indices = [.. home.Select(x => x.i)];
        _states = [.. home.Select(x => new HomeDeviceState(x.d.Name, x.d.Kind, x.d.NameplatePowerW, x.d.CapacityWh, 0, 0, 0, null))];
        _importedWh = new double[_states.Length];
        _exportedWh = new double[_states.Length];
        Site = _states[0].Name[.._states[0].Name.IndexOf('/', StringComparison.Ordinal)];
        _integratedUntil = now;
        AdvanceTo(now);
    }

    public string Site { get; }

    public DateTimeOffset Now
    {
        get
        {
            lock (_gate)
            {
                return _simulator.Now;
            }
        }
    }

    /// <summary>Every device of the home, as they are now.</summary>
    public IReadOnlyList<HomeDeviceState> Devices
    {
        get
        {
            lock (_gate)
            {
                return [.. _states];
            }
        }
    }

    /// <summary>The current state of the home's device of <paramref name="kind"/>.</summary>
    public HomeDeviceState this[DeviceKind kind]
    {
        get
        {
            lock (_gate)
            {
                return _states.Single(s => s.Kind == kind);
            }
        }
    }

    /// <summary>Integrates the registers up to <paramref name="now"/> and steps the simulation to the minute before it.</summary>
    public void AdvanceTo(DateTimeOffset now)
    {
        lock (_gate)
        {
            if (now > _integratedUntil)
            {
                var hours = (now - _integratedUntil).TotalHours;
                for (var i = 0; i < _states.Length; i++)
                {
                    var wh = _states[i].PowerW * hours;
                    if (wh >= 0)
                    {
                        _exportedWh[i] += wh;
                    }
                    else
                    {
                        _importedWh[i] -= wh;
                    }

                    _states[i] = _states[i] with { ImportedWh = (long)_importedWh[i], ExportedWh = (long)_exportedWh[i] };
                }

                _integratedUntil = now;
            }

            while (_simulator.Now + SimulationStep <= now)
            {
                var measurements = _simulator.Step().Measurements;
                for (var i = 0; i < _indices.Length; i++)
                {
                    var m = measurements[_indices[i]];
                    _states[i] = _states[i] with { PowerW = m.AveragePowerW, StateOfChargeBp = m.StateOfChargeBp ?? _states[i].StateOfChargeBp };
                }
            }
        }
    }
}
