using OpenVpp.Core.Simulation;

namespace OpenVpp.Core.Tests.Simulation;

/// <summary>Builds fleets and runs them for a number of days, for the simulation tests.</summary>
internal static class FleetRun
{
    public static readonly DateTimeOffset Midsummer = new(2025, 6, 21, 0, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset Midwinter = new(2025, 12, 21, 0, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset Spring = new(2025, 3, 20, 0, 0, 0, TimeSpan.Zero);

    public static FleetOptions Options(int seed, int deviceCount, DateTimeOffset origin, TimeSpan? interval = null) =>
        new(seed, deviceCount, origin, interval ?? FleetOptions.DefaultInterval);

    public static int IntervalsPerDay(FleetOptions options) => (int)(TimeSpan.FromDays(1) / options.Interval);

    public static List<FleetInterval> Steps(FleetSimulator simulator, int count)
    {
        var intervals = new List<FleetInterval>(count);
        for (var i = 0; i < count; i++)
        {
            intervals.Add(simulator.Step());
        }

        return intervals;
    }

    public static (FleetSimulator Simulator, List<FleetInterval> Intervals) Days(FleetOptions options, int days)
    {
        var simulator = new FleetSimulator(options);
        return (simulator, Steps(simulator, days * IntervalsPerDay(options)));
    }
}
