using OpenVpp.Core.Devices;
using OpenVpp.Core.Simulation;

namespace OpenVpp.Core.Tests.Simulation;

public class HomeBatteryTests
{
    private const double QuarterHour = 0.25;

    [Fact]
    public void Energy_out_over_a_full_cycle_is_at_most_the_round_trip_efficiency_times_energy_in()
    {
        var battery = new HomeBattery(10_000, 5_000, initialStoredWh: 1_000, initialStateOfHealth: 1.0);
        Assert.Equal(battery.ReserveWh, battery.StoredWh);

        long inWh = 0, outWh = 0;
        for (long taken; (taken = battery.Charge(1_250, 1_250)) > 0;)
        {
            inWh += taken;
            battery.Age(QuarterHour);
        }

        for (long given; (given = battery.Discharge(1_250, 1_250)) > 0;)
        {
            outWh += given;
            battery.Age(QuarterHour);
        }

        Assert.InRange(inWh, 9_000, 9_500);
        Assert.True(outWh <= HomeBattery.RoundTripEfficiency * inWh, $"out {outWh} Wh, in {inWh} Wh");
        Assert.True(outWh >= (HomeBattery.RoundTripEfficiency * inWh) - 10, $"losses beyond the efficiency: out {outWh} Wh, in {inWh} Wh");
    }

    [Fact]
    public void Stored_energy_stays_within_zero_and_the_faded_capacity_and_never_below_reserve_by_discharging()
    {
        var battery = new HomeBattery(7_500, 3_800, initialStoredWh: 3_000, initialStateOfHealth: 0.95);
        var rng = new SplitMix64(5);
        for (var i = 0; i < 20_000; i++)
        {
            var wh = (long)(rng.NextUnit() * 2_000);
            if (rng.NextUnit() < 0.5)
            {
                battery.Charge(wh, 950);
            }
            else
            {
                var before = battery.StoredWh;
                battery.Discharge(wh, 950);
                Assert.True(battery.StoredWh >= Math.Min(before, battery.ReserveWh) - 1e-9);
            }

            battery.Age(QuarterHour);
            Assert.InRange(battery.StoredWh, 0.0, battery.UsableCapacityWh);
            Assert.InRange(battery.StateOfChargeBp, (ushort)0, (ushort)10_000);
        }
    }

    [Fact]
    public void State_of_health_never_rises_and_falls_with_cycling()
    {
        var battery = new HomeBattery(10_000, 5_000, initialStoredWh: 1_000, initialStateOfHealth: 1.0);
        var previousBp = battery.StateOfHealthBp;
        for (var cycle = 0; cycle < 1_000; cycle++)
        {
            while (battery.Charge(1_250, 1_250) > 0)
            {
                battery.Age(QuarterHour);
            }

            while (battery.Discharge(1_250, 1_250) > 0)
            {
                battery.Age(QuarterHour);
            }

            Assert.True(battery.StateOfHealthBp <= previousBp);
            previousBp = battery.StateOfHealthBp;
        }

        // ~1,000 cycles of 90 % depth: ~900 equivalent full cycles × 0.004 %, plus a little calendar fade.
        Assert.InRange(battery.EquivalentFullCycles, 800, 1_000);
        Assert.InRange(battery.StateOfHealth, 0.95, 0.975);
    }

    [Fact]
    public void Fleet_batteries_report_bounded_soc_and_non_increasing_health_that_fades_over_a_month()
    {
        var options = FleetRun.Options(17, 300, FleetRun.Midsummer.AddDays(-15));
        var (simulator, intervals) = FleetRun.Days(options, days: 30);
        var batteries = simulator.Devices.Select((d, i) => (d, i)).Where(x => x.d.Kind == DeviceKind.Battery).Select(x => x.i).ToList();
        Assert.NotEmpty(batteries);

        foreach (var b in batteries)
        {
            var series = intervals.Select(i => i.Measurements[b]).ToList();
            Assert.All(series, m => Assert.InRange(m.StateOfChargeBp!.Value, (ushort)0, (ushort)10_000));
            for (var k = 1; k < series.Count; k++)
            {
                Assert.True(series[k].StateOfHealthBp <= series[k - 1].StateOfHealthBp);
            }

            Assert.True(series[^1].StateOfHealthBp < series[0].StateOfHealthBp);
            Assert.Contains(series, m => m.EnergyImportedWh > 0);
            Assert.Contains(series, m => m.EnergyExportedWh > 0);
        }
    }

    [Fact]
    public void Fleet_batteries_never_return_more_than_the_round_trip_efficiency_allows()
    {
        var options = FleetRun.Options(18, 300, FleetRun.Spring);
        var simulator = new FleetSimulator(options);
        var initialStoredWh = simulator.Homes.Where(h => h.Battery is not null).ToDictionary(h => h.Plan.Site, h => h.Battery!.StoredWh);
        var intervals = FleetRun.Steps(simulator, 20 * 96);

        for (var i = 0; i < simulator.Devices.Count; i++)
        {
            if (simulator.Devices[i].Kind != DeviceKind.Battery)
            {
                continue;
            }

            var inWh = intervals.Sum(x => x.Measurements[i].EnergyImportedWh);
            var outWh = intervals.Sum(x => x.Measurements[i].EnergyExportedWh);
            var startWh = initialStoredWh[simulator.Devices[i].Site];
            Assert.True(outWh <= (HomeBattery.RoundTripEfficiency * inWh) + (Math.Sqrt(HomeBattery.RoundTripEfficiency) * startWh));
        }
    }
}
