using OpenVpp.Core.DemandResponse.Dispatch;

namespace OpenVpp.Core.Tests.DemandResponse.Dispatch;

/// <summary>Random but plausible fleets for the dispatcher's properties: the seed comes from FsCheck.</summary>
internal static class RandomFleet
{
    public static readonly DateTimeOffset EventStart = new(2026, 1, 15, 17, 0, 0, TimeSpan.Zero);
    public static readonly DispatchWindow ThreeHours = new(EventStart, EventStart.AddHours(3));

    public static FlexibleDevice[] Create(int seed, int count, int regions)
    {
        var rng = new Random(seed);
        var fleet = new FlexibleDevice[count];
        for (var i = 0; i < count; i++)
        {
            var region = rng.Next(regions);

            // Few distinct prices, so equal-cost tiers are common.
            var cost = rng.Next(1, 6) * 0.05;
            fleet[i] = rng.Next(3) switch
            {
                0 => Battery(rng, region, cost),
                1 => FlexibleDevice.EvCharger(region, cost, 11_000, rng.Next(2) == 0 ? 11_000 : rng.Next(0, 11_000), rng.Next(0, 40_000), EventStart.AddHours(rng.NextDouble() * 16)),
                _ => FlexibleDevice.Solar(region, cost, 5_000, rng.Next(0, 5_000)),
            };
        }

        return fleet;
    }

    private static FlexibleDevice Battery(Random rng, int region, double cost)
    {
        var capacity = rng.Next(5, 20) * 1_000.0;
        var reserve = capacity * 0.1;
        var stored = capacity * rng.NextDouble();
        var maxW = rng.Next(2, 10) * 500.0;
        var baseline = (rng.NextDouble() - 0.5) * maxW;
        return FlexibleDevice.Battery(region, cost, maxW, maxW, baseline, stored, reserve, capacity, 0.95);
    }
}
