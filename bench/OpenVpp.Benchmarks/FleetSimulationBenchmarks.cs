using BenchmarkDotNet.Attributes;
using OpenVpp.Core.Simulation;

namespace OpenVpp.Benchmarks;

/// <summary>How fast the simulated fleet runs: a gateway replays it on restart (SkipTo), the demo steps it live.</summary>
[MemoryDiagnoser]
public class FleetSimulationBenchmarks
{
    private static readonly DateTimeOffset Origin = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);

    [Params(1_000)]
    public int Devices { get; set; }

    [Benchmark(Description = "one day of 15-min intervals (96 steps)")]
    public int SimulateOneDay()
    {
        var simulator = new FleetSimulator(new FleetOptions(7, Devices, Origin, FleetOptions.DefaultInterval));
        var readings = 0;
        for (var i = 0; i < 96; i++)
        {
            readings += simulator.Step().Measurements.Count;
        }

        return readings;
    }
}
