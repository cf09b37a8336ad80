using System.Diagnostics;
using OpenVpp.Core.Simulation;

namespace OpenVpp.Core.Tests.Simulation;

public class FleetPerformanceTests
{
    [Fact]
    public void A_thousand_devices_simulate_a_day_of_quarter_hours_well_under_a_second()
    {
        var simulator = new FleetSimulator(FleetRun.Options(23, 1_000, FleetRun.Spring));
        simulator.Step(); // JIT warm-up

        var stopwatch = Stopwatch.StartNew();
        FleetRun.Steps(simulator, 96);
        stopwatch.Stop();

        // Typically a few tens of ms; the bound leaves room for a loaded CI machine.
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(1), $"took {stopwatch.Elapsed.TotalMilliseconds:F0} ms");
    }
}
