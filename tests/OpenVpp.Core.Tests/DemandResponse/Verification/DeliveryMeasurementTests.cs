using OpenVpp.Core.DemandResponse.Baselines;
using OpenVpp.Core.DemandResponse.Verification;
using OpenVpp.Core.Devices;
using OpenVpp.Core.Readings;
using OpenVpp.Core.Tests.DemandResponse.Baselines;

namespace OpenVpp.Core.Tests.DemandResponse.Verification;

public class DeliveryMeasurementTests
{
    private static readonly BaselineResult Baseline = new([1_000, 2_000], [History.EventDay.AddDays(-1)], 1.0, null);

    [Fact]
    public void Delivered_energy_power_and_performance_come_from_baseline_minus_actual()
    {
        // Actual 600 and 1,500 Wh: 400 + 500 = 900 Wh over 2 h = 450 W; asked 500 W, so performance 0.9.
        var actual = History.Build((day, hour) => day == History.EventDay && hour == 17 ? 600 : day == History.EventDay && hour == 18 ? 1_500 : 0);

        var m = DeliveryMeasurement.Measure(Baseline, actual, History.EventStart, requestedW: 500);

        Assert.Equal([400, 500], m.DeliveredWh);
        Assert.Equal(900, m.DeliveredTotalWh);
        Assert.Equal(450, m.DeliveredAverageW);
        Assert.Equal(0.9, m.Performance, 9);
        Assert.Equal(0, m.MissingIntervals);
    }

    [Fact]
    public void A_missing_interval_delivers_nothing_and_is_flagged()
    {
        // Only 17:00 was read (600 Wh): 400 Wh over 2 h = 200 W, performance 0.4 of 500 W.
        var actual = History.Build((day, hour) => day == History.EventDay && hour == 17 ? 600 : day == History.EventDay && hour == 18 ? null : 0);

        var m = DeliveryMeasurement.Measure(Baseline, actual, History.EventStart, 500);

        Assert.Equal([400, 0], m.DeliveredWh);
        Assert.Equal(1, m.MissingIntervals);
        Assert.Equal(0.4, m.Performance, 9);
    }

    [Fact]
    public void An_export_limit_counts_less_export_as_delivery()
    {
        // Baseline −3,000 Wh (exporting); actual −1,000: 2,000 Wh less export in each hour, 2,000 W against 2,000 asked.
        var exporting = new BaselineResult([-3_000, -3_000], [], 1.0, null);
        var actual = History.Build((day, hour) => hour is 17 or 18 ? -1_000 : 0);

        var m = DeliveryMeasurement.Measure(exporting, actual, History.EventStart, 2_000, FlexibilityDirection.ReduceExport);

        Assert.Equal(2_000, m.DeliveredAverageW);
        Assert.Equal(1.0, m.Performance, 9);
    }

    [Fact]
    public void Devices_combine_into_a_region_weighted_by_what_each_was_asked()
    {
        // Device A: 900 Wh (450 W) of 500 W asked; device B: 100 Wh (50 W) of 500 W. Region: 500 W of 1,000 W = 0.5.
        var a = new EventMeasurement([400, 500], 900, 450, 500, 0, 2);
        var b = new EventMeasurement([100, 0], 100, 50, 500, 1, 2);

        var region = EventMeasurement.Combine([a, b]);

        Assert.Equal([500, 500], region.DeliveredWh);
        Assert.Equal(0.5, region.Performance, 9);
        Assert.Equal(1, region.MissingIntervals);
    }

    [Fact]
    public void A_failed_baseline_cannot_be_measured_against()
    {
        var e = Assert.Throws<ArgumentException>(() =>
            DeliveryMeasurement.Measure(BaselineResult.Failed("insufficient history: 0 days"), History.Build((_, _) => 0), History.EventStart, 500));
        Assert.Contains("insufficient history", e.Message);
    }

    [Fact]
    public void Readings_become_a_series_with_gaps_left_missing()
    {
        var start = History.EventStart;
        var device = DeviceId.FromPublicKey(new byte[64]);
        Reading R(DateTimeOffset from, long imported, long exported, TimeSpan? length = null) =>
            new(device, 1, from, from + (length ?? TimeSpan.FromMinutes(15)), imported, exported, 0, 0, null, null, ReadingStatus.None);

        var series = LoadSeries.FromReadings(
            [R(start, 300, 100), R(start.AddMinutes(30), 50, 0), R(start.AddMinutes(7), 999, 0), R(start.AddMinutes(45), 5, 0, TimeSpan.FromMinutes(5))],
            start, start.AddHours(1), TimeSpan.FromMinutes(15));

        Assert.Equal(200, series.At(start));
        Assert.Null(series.At(start.AddMinutes(15)));
        Assert.Equal(50, series.At(start.AddMinutes(30)));
        Assert.Null(series.At(start.AddMinutes(45)));
    }

    [Fact]
    public void A_region_sum_is_missing_where_any_device_is()
    {
        var a = new LoadSeries(History.EventStart, TimeSpan.FromHours(1), [100, 200, null]);
        var b = new LoadSeries(History.EventStart, TimeSpan.FromHours(1), [10, null, 30]);

        var sum = LoadSeries.Sum([a, b]);

        Assert.Equal(110, sum.At(History.EventStart));
        Assert.Null(sum.At(History.EventStart.AddHours(1)));
        Assert.Null(sum.At(History.EventStart.AddHours(2)));
    }
}
