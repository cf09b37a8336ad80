using OpenVpp.Core.Devices;
using OpenVpp.Core.Readings;

namespace OpenVpp.Core.Tests.Simulation;

public class MeasurementLimitsTests
{
    public static TheoryData<int, DateTimeOffset, int> Runs() => new()
    {
        { 1, FleetRun.Midsummer, 15 },
        { 2, FleetRun.Midwinter, 15 },
        { 3, FleetRun.Spring, 5 },
        { 4, FleetRun.Spring, 60 },
        { 5, FleetRun.Midsummer, 7 },
    };

    [Theory]
    [MemberData(nameof(Runs))]
    public void Every_measurement_stays_within_its_devices_nameplate(int seed, DateTimeOffset origin, int intervalMinutes)
    {
        var options = FleetRun.Options(seed, 300, origin, TimeSpan.FromMinutes(intervalMinutes));
        var (simulator, intervals) = FleetRun.Days(options, days: 3);

        foreach (var interval in intervals)
        {
            for (var i = 0; i < simulator.Devices.Count; i++)
            {
                var device = simulator.Devices[i];
                var m = interval.Measurements[i];
                var maxWh = device.NameplatePowerW * options.Interval.Ticks / TimeSpan.TicksPerHour;

                Assert.Equal(i, m.DeviceIndex);
                Assert.InRange(m.EnergyImportedWh, 0, maxWh);
                Assert.InRange(m.EnergyExportedWh, 0, maxWh);
                Assert.InRange(m.PeakPowerW, Math.Abs(m.AveragePowerW), device.NameplatePowerW);
                Assert.Equal(ReadingStatus.Estimated, m.Status);
                Assert.True(m.StateOfChargeBp is null or <= 10_000);
                Assert.True(m.StateOfHealthBp is null or <= 10_000);
                Assert.Equal(device.Kind == DeviceKind.Battery, m.StateOfHealthBp is not null);
                if (m.StateOfChargeBp is not null)
                {
                    Assert.Contains(device.Kind, new[] { DeviceKind.Battery, DeviceKind.EvCharger });
                }
            }
        }
    }

    [Fact]
    public void Average_power_is_the_signed_net_energy_over_the_interval()
    {
        var (_, intervals) = FleetRun.Days(FleetRun.Options(6, 100, FleetRun.Midsummer), days: 1);

        Assert.All(intervals.SelectMany(i => i.Measurements), m =>
            Assert.Equal((int)Math.Round((m.EnergyExportedWh - m.EnergyImportedWh) * 4.0, MidpointRounding.AwayFromZero), m.AveragePowerW));
    }

    [Fact]
    public void Devices_only_flow_in_their_natural_directions()
    {
        var (simulator, intervals) = FleetRun.Days(FleetRun.Options(7, 300, FleetRun.Midsummer), days: 2);

        for (var i = 0; i < simulator.Devices.Count; i++)
        {
            var kind = simulator.Devices[i].Kind;
            var measurements = intervals.Select(x => x.Measurements[i]).ToList();
            if (kind is DeviceKind.HouseholdLoad or DeviceKind.EvCharger)
            {
                Assert.All(measurements, m => Assert.Equal(0, m.EnergyExportedWh));
            }

            if (kind is DeviceKind.HouseholdLoad)
            {
                Assert.All(measurements, m => Assert.True(m.EnergyImportedWh > 0));
            }
        }
    }
}
