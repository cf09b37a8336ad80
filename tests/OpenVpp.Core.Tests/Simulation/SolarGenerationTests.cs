using OpenVpp.Core.Devices;
using OpenVpp.Core.Simulation;

namespace OpenVpp.Core.Tests.Simulation;

public class SolarGenerationTests
{
    private const double Latitude = 52.0;
    private const double Longitude = 5.0;

    [Theory]
    [InlineData(2025, 6, 21)]
    [InlineData(2025, 12, 21)]
    [InlineData(2025, 3, 20)]
    public void Pv_generates_nothing_while_the_sun_is_down(int year, int month, int day)
    {
        var origin = new DateTimeOffset(year, month, day, 0, 0, 0, TimeSpan.Zero);
        var (simulator, intervals) = FleetRun.Days(FleetRun.Options(9, 400, origin), days: 2);
        var pvIndices = Indices(simulator, DeviceKind.SolarInverter);
        var nightIntervals = intervals.Where(i => SunBelowHorizon(i.Start, i.End)).ToList();

        Assert.NotEmpty(nightIntervals);
        Assert.All(nightIntervals, interval => Assert.All(pvIndices, p => Assert.Equal(0, interval.Measurements[p].EnergyExportedWh)));
        var nightStandbyWh = nightIntervals.Sum(interval => pvIndices.Sum(p => interval.Measurements[p].EnergyImportedWh));
        Assert.InRange(nightStandbyWh, 1, pvIndices.Count * nightIntervals.Count); // a few W each: under 1 Wh per quarter hour on average
    }

    [Fact]
    public void Fleet_pv_peaks_near_solar_noon()
    {
        var (simulator, intervals) = FleetRun.Days(FleetRun.Options(10, 600, FleetRun.Midsummer), days: 7);
        var pvIndices = Indices(simulator, DeviceKind.SolarInverter);

        var bySlot = intervals
            .GroupBy(i => i.Start.TimeOfDay)
            .Select(g => (Slot: g.Key, Wh: g.Sum(i => pvIndices.Sum(p => i.Measurements[p].EnergyExportedWh))))
            .MaxBy(x => x.Wh);
        var slotMidHour = bySlot.Slot.TotalHours + 0.125;
        var solarNoonHour = SolarPosition.SolarNoonUtcHour(DateOnly.FromDateTime(FleetRun.Midsummer.UtcDateTime), Longitude);

        Assert.InRange(solarNoonHour, 11.5, 11.8);
        Assert.InRange(slotMidHour, solarNoonHour - 1.0, solarNoonHour + 1.0);
    }

    [Fact]
    public void Clear_sky_irradiance_peaks_at_solar_noon_and_is_higher_in_summer()
    {
        var date = new DateOnly(2025, 6, 21);
        var noon = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) + TimeSpan.FromHours(SolarPosition.SolarNoonUtcHour(date, Longitude));

        var atNoon = Ghi(noon);
        Assert.InRange(atNoon, 850, 950);
        Assert.True(atNoon > Ghi(noon.AddMinutes(-30)) && atNoon > Ghi(noon.AddMinutes(30)));
        Assert.InRange(Ghi(new DateTimeOffset(2025, 12, 21, 11, 40, 0, TimeSpan.Zero)), 150, 260);
        Assert.Equal(0, Ghi(new DateTimeOffset(2025, 6, 21, 23, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void Pv_yields_far_more_in_summer_than_in_winter_at_latitude_52()
    {
        double FleetPvWh(DateTimeOffset origin)
        {
            var (simulator, intervals) = FleetRun.Days(FleetRun.Options(12, 300, origin), days: 14);
            var pvIndices = Indices(simulator, DeviceKind.SolarInverter);
            return intervals.Sum(i => pvIndices.Sum(p => (double)i.Measurements[p].EnergyExportedWh));
        }

        var summerWh = FleetPvWh(FleetRun.Midsummer.AddDays(-7));
        var winterWh = FleetPvWh(FleetRun.Midwinter.AddDays(-7));

        Assert.True(summerWh > 3 * winterWh, $"summer {summerWh:F0} Wh vs winter {winterWh:F0} Wh");
    }

    [Fact]
    public void Pv_yield_per_kWp_is_plausible_for_the_netherlands()
    {
        var (simulator, intervals) = FleetRun.Days(FleetRun.Options(13, 300, FleetRun.Midsummer), days: 14);
        var pvIndices = Indices(simulator, DeviceKind.SolarInverter);
        var kWp = pvIndices.Sum(p => simulator.Devices[p].NameplatePowerW) / 1000.0;
        var kWhPerKwpPerDay = intervals.Sum(i => pvIndices.Sum(p => (double)i.Measurements[p].EnergyExportedWh)) / 1000.0 / kWp / 14;

        // Dutch rooftops make roughly 4–5 kWh/kWp a day in June on average; clear days up to ~7.
        Assert.InRange(kWhPerKwpPerDay, 2.5, 6.5);
    }

    private static double Ghi(DateTimeOffset at) =>
        ClearSkyIrradiance.GlobalHorizontalWm2(SolarPosition.CosZenith(at, Latitude, Longitude));

    private static bool SunBelowHorizon(DateTimeOffset start, DateTimeOffset end)
    {
        for (var t = start; t <= end; t = t.AddMinutes(1))
        {
            if (SolarPosition.CosZenith(t, Latitude, Longitude) > 0)
            {
                return false;
            }
        }

        return true;
    }

    private static List<int> Indices(FleetSimulator simulator, DeviceKind kind) =>
        [.. simulator.Devices.Select((d, i) => (d, i)).Where(x => x.d.Kind == kind).Select(x => x.i)];
}
