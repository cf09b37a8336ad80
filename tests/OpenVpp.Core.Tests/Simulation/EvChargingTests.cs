using OpenVpp.Core.Devices;
using OpenVpp.Core.Simulation;

namespace OpenVpp.Core.Tests.Simulation;

public class EvChargingTests
{
    [Theory]
    [InlineData(19, 15)]
    [InlineData(20, 60)]
    [InlineData(21, 5)]
    public void Ev_charges_only_while_plugged_in_and_meets_each_sessions_need(int seed, int intervalMinutes)
    {
        var options = FleetRun.Options(seed, 250, FleetRun.Spring, TimeSpan.FromMinutes(intervalMinutes));
        var (simulator, intervals) = FleetRun.Days(options, days: 10);
        var civilOffset = CivilTime.OffsetFromUtc(options.LongitudeDeg);
        var firstDate = DateOnly.FromDateTime(options.Origin.UtcDateTime).AddDays(-1);
        var sessionsChecked = 0;

        foreach (var home in simulator.Homes.Where(h => h.Ev is not null))
        {
            var evIndex = home.Plan.FirstDeviceIndex + home.Plan.DeviceCount - 1;
            Assert.Equal(DeviceKind.EvCharger, simulator.Devices[evIndex].Kind);
            var sessions = Enumerable.Range(0, 12)
                .Select(d => home.Ev!.SessionStarting(firstDate.AddDays(d), civilOffset))
                .OfType<EvSession>()
                .ToList();

            foreach (var interval in intervals)
            {
                var m = interval.Measurements[evIndex];
                var plugged = sessions.Any(s => s.Arrival < interval.End && s.Departure > interval.Start);
                if (!plugged)
                {
                    Assert.Equal(0, m.EnergyImportedWh);
                    Assert.Null(m.StateOfChargeBp);
                }
                else
                {
                    Assert.NotNull(m.StateOfChargeBp);
                }
            }

            foreach (var session in sessions.Where(s => s.Arrival >= options.Origin && s.Departure <= simulator.Now))
            {
                var chargerW = home.Ev!.Profile.ChargerPowerW;
                var deliveredWh = intervals
                    .Where(i => i.Start < session.Departure && i.End > session.Arrival)
                    .Sum(i => i.Measurements[evIndex].EnergyImportedWh);
                Assert.True(session.NeedWh <= IntervalEnergy.EnergyWh(chargerW, session.Departure - session.Arrival), "the night is long enough");
                Assert.Equal(session.NeedWh, deliveredWh);
                sessionsChecked++;
            }
        }

        Assert.True(sessionsChecked > 50, $"only {sessionsChecked} sessions checked");
    }

    [Fact]
    public void Ev_charges_at_full_power_from_arrival()
    {
        var options = FleetRun.Options(22, 400, FleetRun.Spring);
        var (simulator, intervals) = FleetRun.Days(options, days: 5);
        var fullIntervalWh = new Dictionary<long, long> { [7_400] = 1_850, [11_000] = 2_750 };

        var evIndices = simulator.Devices.Select((d, i) => (d, i)).Where(x => x.d.Kind == DeviceKind.EvCharger).ToList();
        Assert.NotEmpty(evIndices);
        foreach (var (device, index) in evIndices)
        {
            var series = intervals.Select(i => i.Measurements[index]).ToList();
            for (var k = 2; k < series.Count; k++)
            {
                // Two plugged intervals in a row that both deliver: the earlier one ran at full power throughout.
                if (series[k - 2].StateOfChargeBp is not null && series[k - 1].EnergyImportedWh > 0 && series[k].EnergyImportedWh > 0)
                {
                    Assert.Equal(fullIntervalWh[device.NameplatePowerW], series[k - 1].EnergyImportedWh);
                    Assert.Equal(device.NameplatePowerW, series[k - 1].PeakPowerW);
                }
            }
        }
    }
}
