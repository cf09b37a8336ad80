using OpenVpp.Core.Devices;
using OpenVpp.Core.Simulation;

namespace OpenVpp.Cli.Peers;

/// <summary>
/// One simulated home (grid meter, household load, PV, battery, EV charger) stepped on the wall clock in short steps,
/// so protocol peers can serve it as live hardware: registers that only grow, power that follows sun, load and EV.
/// The fleet simulator with five devices always plans exactly one home with all five.
/// </summary>
internal sealed class SimulatedHomeModel
{
    private readonly Lock _gate = new();
    private readonly FleetSimulator _simulator;
    private readonly HomeDeviceState[] _states;

    // Registers integrate power in double precision: at steps of seconds, the simulator's whole-Wh interval energies
    // would round small loads to nothing. A real register shows whole Wh, rounded down.
    private readonly double[] _importedWh;
    private readonly double[] _exportedWh;

    public SimulatedHomeModel(int seed, TimeSpan step, DateTimeOffset now, IReadOnlyList<string>? regions = null)
    {
        var origin = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % step.Ticks), TimeSpan.Zero);
        _simulator = new FleetSimulator(new FleetOptions(seed, 5, origin, step, Regions: regions));
        _states = [.. _simulator.Devices.Select(d => new HomeDeviceState(d.Name, d.Kind, d.NameplatePowerW, d.CapacityWh, 0, 0, 0, null))];
        _importedWh = new double[_states.Length];
        _exportedWh = new double[_states.Length];
        Site = _simulator.Devices[0].Site;
        Step = step;
    }

    public string Site { get; }

    public TimeSpan Step { get; }

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

    /// <summary>Steps the home up to <paramref name="now"/>; returns how many steps were taken.</summary>
    public int AdvanceTo(DateTimeOffset now)
    {
        lock (_gate)
        {
            var steps = 0;
            while (_simulator.Now + Step <= now)
            {
                foreach (var m in _simulator.Step().Measurements)
                {
                    var i = m.DeviceIndex;
                    var wh = m.AveragePowerW * Step.TotalHours;
                    if (wh >= 0)
                    {
                        _exportedWh[i] += wh;
                    }
                    else
                    {
                        _importedWh[i] -= wh;
                    }

                    _states[i] = _states[i] with
                    {
                        ImportedWh = (long)_importedWh[i],
                        ExportedWh = (long)_exportedWh[i],
                        PowerW = m.AveragePowerW,
                        StateOfChargeBp = m.StateOfChargeBp ?? _states[i].StateOfChargeBp,
                    };
                }

                steps++;
            }

            return steps;
        }
    }
}
