using FsCheck.Xunit;
using OpenVpp.Core.Devices;

namespace OpenVpp.Core.Tests.Simulation;

public class FleetEnergyBalanceTests
{
    [Property(MaxTest = 12)]
    public void Grid_meter_equals_the_sum_of_the_homes_devices_in_every_interval(int seed)
    {
        foreach (var origin in new[] { FleetRun.Midsummer, FleetRun.Midwinter })
        {
            var (simulator, intervals) = FleetRun.Days(FleetRun.Options(seed, 60, origin), days: 3);
            var homes = simulator.Devices.Select((device, index) => (device, index)).GroupBy(d => d.device.Site).ToList();

            foreach (var interval in intervals)
            {
                foreach (var home in homes)
                {
                    long meterNetImportWh = 0, devicesNetImportWh = 0;
                    foreach (var (device, index) in home)
                    {
                        var m = interval.Measurements[index];
                        if (device.Kind == DeviceKind.GridMeter)
                        {
                            meterNetImportWh += m.EnergyImportedWh - m.EnergyExportedWh;
                        }
                        else
                        {
                            devicesNetImportWh += m.EnergyImportedWh - m.EnergyExportedWh;
                        }
                    }

                    Assert.Equal(devicesNetImportWh, meterNetImportWh);
                }
            }
        }
    }

    [Fact]
    public void Grid_meter_reports_the_netted_interval_in_one_direction_only()
    {
        var (simulator, intervals) = FleetRun.Days(FleetRun.Options(3, 200, FleetRun.Spring), days: 2);
        var meters = simulator.Devices.Select((d, i) => (d, i)).Where(x => x.d.Kind == DeviceKind.GridMeter).Select(x => x.i).ToList();

        Assert.All(intervals, interval => Assert.All(meters, i =>
            Assert.True(interval.Measurements[i].EnergyImportedWh == 0 || interval.Measurements[i].EnergyExportedWh == 0)));
        Assert.Contains(intervals, interval => meters.Any(i => interval.Measurements[i].EnergyExportedWh > 0));
    }
}
