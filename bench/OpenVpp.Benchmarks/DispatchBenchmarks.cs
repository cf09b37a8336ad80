using BenchmarkDotNet.Attributes;
using OpenVpp.Core.DemandResponse.Dispatch;

namespace OpenVpp.Benchmarks;

/// <summary>
/// The dispatcher's target: allocating an event for 1,000,000 devices in under 1 s on this 2-core machine. The fleet
/// is a third each batteries, charging cars and PV, with five price levels; the target needs about half the fleet's
/// headroom, so every region has a marginal tier split fairly.
/// </summary>
[MemoryDiagnoser]
public class DispatchBenchmarks
{
    private static readonly DateTimeOffset Start = new(2026, 1, 15, 17, 0, 0, TimeSpan.Zero);
    private readonly DispatchWindow _window = new(Start, Start.AddHours(3));
    private FlexibleDevice[] _fleet = null!;
    private DispatchTarget[] _targets = null!;
    private DispatchPlan _plan = null!;
    private DeliveryObservation[] _dropouts = null!;

    [Params(1_000_000)]
    public int Devices { get; set; }

    [Params(1, 100)]
    public int Regions { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(7);
        _fleet = new FlexibleDevice[Devices];
        for (var i = 0; i < Devices; i++)
        {
            var region = i % Regions;
            var cost = rng.Next(1, 6) * 0.05;
            _fleet[i] = (i % 3) switch
            {
                0 => FlexibleDevice.Battery(region, cost, 5_000, 5_000, 0, rng.Next(2_000, 10_000), 1_000, 10_000, 0.95),
                1 => FlexibleDevice.EvCharger(region, cost, 11_000, 11_000, rng.Next(5_000, 40_000), Start.AddHours(13)),
                _ => FlexibleDevice.Solar(region, cost, 5_000, 0),
            };
        }

        // Reduction targets of about half the available headroom per region.
        var probe = Dispatcher.Dispatch(_fleet, [.. Enumerable.Range(0, Regions).Select(r => new DispatchTarget(r, DispatchTargetKind.Reduction, double.MaxValue / 4))], _window);
        var available = new double[Regions];
        for (var i = 0; i < Devices; i++)
        {
            available[_fleet[i].RegionIndex] += probe.HeadroomW[i];
        }

        _targets = [.. Enumerable.Range(0, Regions).Select(r => new DispatchTarget(r, DispatchTargetKind.Reduction, available[r] / 2))];
        _plan = Dispatcher.Dispatch(_fleet, _targets, _window);
        _dropouts = [.. Enumerable.Range(0, Devices / 100).Select(i => DeliveryObservation.DroppedOut(i * 100))];
    }

    [Benchmark(Description = "Dispatcher.Dispatch")]
    public double Dispatch() => Dispatcher.Dispatch(_fleet, _targets, _window).ShortfallW;

    [Benchmark(Description = "Dispatcher.Redispatch (1 % dropped out)")]
    public double Redispatch() => Dispatcher.Redispatch(_fleet, _plan, _dropouts).ShortfallW;
}
