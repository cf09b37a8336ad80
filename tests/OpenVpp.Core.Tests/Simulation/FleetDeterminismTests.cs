using OpenVpp.Core.Simulation;

namespace OpenVpp.Core.Tests.Simulation;

public class FleetDeterminismTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(42)]
    [InlineData(-7)]
    public void Same_options_give_identical_devices_and_measurements(int seed)
    {
        var options = FleetRun.Options(seed, 150, FleetRun.Spring);
        var (first, firstIntervals) = FleetRun.Days(options, days: 2);
        var (second, secondIntervals) = FleetRun.Days(options, days: 2);

        Assert.Equal(first.Devices, second.Devices);
        AssertSameIntervals(firstIntervals, secondIntervals);
    }

    [Fact]
    public void Different_seeds_give_different_fleets_and_measurements()
    {
        var (a, aIntervals) = FleetRun.Days(FleetRun.Options(1, 150, FleetRun.Spring), days: 1);
        var (b, bIntervals) = FleetRun.Days(FleetRun.Options(2, 150, FleetRun.Spring), days: 1);

        Assert.NotEqual(a.Devices, b.Devices);
        Assert.NotEqual(
            aIntervals.SelectMany(i => i.Measurements.Select(m => m.EnergyImportedWh)),
            bIntervals.SelectMany(i => i.Measurements.Select(m => m.EnergyImportedWh)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(37)]
    [InlineData(96 * 3 + 5)]
    public void SkipTo_then_Step_equals_stepping_all_the_way(int skippedIntervals)
    {
        var options = FleetRun.Options(11, 120, FleetRun.Midsummer);
        var stepped = new FleetSimulator(options);
        FleetRun.Steps(stepped, skippedIntervals);
        var expected = FleetRun.Steps(stepped, 96);

        var resumed = new FleetSimulator(options);
        resumed.SkipTo(options.Origin + (options.Interval * skippedIntervals));
        Assert.Equal(stepped.Now - (options.Interval * 96), resumed.Now);
        var actual = FleetRun.Steps(resumed, 96);

        AssertSameIntervals(expected, actual);
    }

    [Fact]
    public void SkipTo_refuses_to_go_back_or_off_the_interval_grid()
    {
        var options = FleetRun.Options(5, 10, FleetRun.Spring);
        var simulator = new FleetSimulator(options);
        simulator.Step();

        Assert.Throws<ArgumentOutOfRangeException>(() => simulator.SkipTo(options.Origin));
        Assert.Throws<ArgumentException>(() => simulator.SkipTo(simulator.Now + TimeSpan.FromMinutes(7)));
    }

    [Fact]
    public void Step_covers_Now_to_one_interval_later_and_advances()
    {
        var options = FleetRun.Options(5, 10, FleetRun.Spring);
        var simulator = new FleetSimulator(options);

        var first = simulator.Step();
        var second = simulator.Step();

        Assert.Equal(options.Origin, first.Start);
        Assert.Equal(options.Origin + options.Interval, first.End);
        Assert.Equal(first.End, second.Start);
        Assert.Equal(second.End, simulator.Now);
    }

    private static void AssertSameIntervals(List<FleetInterval> expected, List<FleetInterval> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].Start, actual[i].Start);
            Assert.Equal(expected[i].End, actual[i].End);
            Assert.Equal(expected[i].Measurements, actual[i].Measurements);
        }
    }
}
