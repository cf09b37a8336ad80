using System.Text.RegularExpressions;
using OpenVpp.Core.Devices;
using OpenVpp.Core.Simulation;

namespace OpenVpp.Core.Tests.Simulation;

public partial class FleetLayoutTests
{
    public static TheoryData<int> DeviceCounts()
    {
        var counts = new TheoryData<int>();
        foreach (var n in Enumerable.Range(2, 60).Concat([97, 250, 999, 1_000, 1_001, 4_321]))
        {
            counts.Add(n);
        }

        return counts;
    }

    [Theory]
    [MemberData(nameof(DeviceCounts))]
    public void Fleet_has_exactly_the_requested_number_of_devices(int deviceCount)
    {
        foreach (var seed in new[] { 0, 1, 2, 3, 99 })
        {
            var simulator = new FleetSimulator(FleetRun.Options(seed, deviceCount, FleetRun.Spring));

            Assert.Equal(deviceCount, simulator.Devices.Count);
            Assert.Equal(deviceCount, simulator.Step().Measurements.Count);
        }
    }

    [Theory]
    [InlineData(2)]
    [InlineData(7)]
    [InlineData(1_000)]
    public void Every_home_keeps_a_grid_meter_and_a_household_load(int deviceCount)
    {
        var devices = new FleetSimulator(FleetRun.Options(4, deviceCount, FleetRun.Spring)).Devices;

        foreach (var home in devices.GroupBy(d => d.Site))
        {
            var kinds = home.Select(d => d.Kind).ToList();
            Assert.Equal(1, kinds.Count(k => k == DeviceKind.GridMeter));
            Assert.Equal(1, kinds.Count(k => k == DeviceKind.HouseholdLoad));
            Assert.Equal(kinds.Count, kinds.Distinct().Count());
            Assert.True(!kinds.Contains(DeviceKind.Battery) || kinds.Contains(DeviceKind.SolarInverter), "a battery comes with PV");
        }
    }

    [Fact]
    public void Devices_are_named_by_home_and_kind_and_listed_home_by_home()
    {
        var devices = new FleetSimulator(FleetRun.Options(8, 500, FleetRun.Spring)).Devices;

        Assert.Equal(devices.Count, devices.Select(d => d.Name).Distinct().Count());
        Assert.All(devices, d => Assert.Matches(DeviceName(), d.Name));
        Assert.All(devices, d => Assert.StartsWith(d.Site + "/", d.Name, StringComparison.Ordinal));
        Assert.Equal("home-0000/meter", devices[0].Name);
        Assert.Equal("home-0000/load", devices[1].Name);
        Assert.Equal(devices.Select(d => d.Site).Order(StringComparer.Ordinal), devices.Select(d => d.Site));
    }

    [Fact]
    public void Homes_take_regions_round_robin_and_the_mix_of_devices_is_plausible()
    {
        var regions = new[] { "NL-North", "NL-East", "NL-South" };
        var options = FleetRun.Options(21, 3_000, FleetRun.Spring) with { Regions = regions };
        var devices = new FleetSimulator(options).Devices;

        var sites = devices.GroupBy(d => d.Site).ToList();
        Assert.All(sites, site => Assert.Equal(regions[int.Parse(site.Key[5..], System.Globalization.CultureInfo.InvariantCulture) % 3], site.First().Region));

        double Share(DeviceKind kind) => (double)devices.Count(d => d.Kind == kind) / sites.Count;
        Assert.InRange(Share(DeviceKind.SolarInverter), 0.45, 0.65);
        Assert.InRange(Share(DeviceKind.Battery), 0.18, 0.32);
        Assert.InRange(Share(DeviceKind.EvCharger), 0.22, 0.38);
        Assert.All(devices.Where(d => d.Kind == DeviceKind.SolarInverter), d => Assert.InRange(d.NameplatePowerW, 3_000, 10_000));
        Assert.All(devices.Where(d => d.Kind == DeviceKind.Battery), d => Assert.InRange(d.CapacityWh, 5_000, 15_000));
        Assert.All(devices.Where(d => d.Kind == DeviceKind.Battery), d => Assert.InRange(d.NameplatePowerW, 2_500, 5_000));
        Assert.All(devices.Where(d => d.Kind == DeviceKind.EvCharger), d => Assert.Contains(d.NameplatePowerW, new long[] { 7_400, 11_000 }));
    }

    [Fact]
    public void Default_regions_are_used_when_none_are_given()
    {
        var devices = new FleetSimulator(FleetRun.Options(1, 40, FleetRun.Spring)).Devices;

        Assert.Equal(FleetSimulator.DefaultRegions.Order(StringComparer.Ordinal), devices.Select(d => d.Region).Distinct().Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(0)]
    [InlineData(-5)]
    public void Rejects_a_fleet_smaller_than_one_home(int deviceCount)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new FleetSimulator(FleetRun.Options(1, deviceCount, FleetRun.Spring)));
    }

    [GeneratedRegex(@"^home-\d{4,}/(meter|load|pv|battery|ev)$")]
    private static partial Regex DeviceName();
}
