using OpenVpp.Core.DemandResponse.Baselines;

namespace OpenVpp.Core.Tests.DemandResponse.Baselines;

public class DayOfAdjustmentTests
{
    // Every weekday: 1,000 Wh an hour from 13:00 to 16:00 (the adjustment window 4 h to 1 h before a 17:00 event),
    // 1,500 at 17:00 and 2,500 at 18:00. The event day's morning is set per test.
    private static LoadSeries WithEventDayMorning(double eventDayWh) => History.Build((day, hour) =>
        hour is >= 13 and < 16 ? (day == History.EventDay ? eventDayWh : 1_000)
        : hour == 17 ? 1_500
        : hour == 18 ? 2_500
        : 200);

    [Fact]
    public void A_ratio_adjustment_scales_the_baseline_within_its_cap()
    {
        // 1,100 / 1,000 = 1.1, under the 20 % cap: 1,650 and 2,750 Wh.
        var result = XOfYBaseline.TenInTen(new DayOfAdjustment()).Compute(WithEventDayMorning(1_100), History.Context());

        Assert.Equal(1.1, result.Adjustment, 9);
        Assert.Equal(1_650, result.NetImportWh[0], 6);
        Assert.Equal(2_750, result.NetImportWh[1], 6);
    }

    [Fact]
    public void A_ratio_beyond_the_cap_is_held_at_the_cap()
    {
        // 1,500 / 1,000 = 1.5 is capped at 1.2: 1,800 and 3,000 Wh; 600 / 1,000 = 0.6 at 0.8: 1,200 and 2,000 Wh.
        var up = XOfYBaseline.TenInTen(new DayOfAdjustment(Cap: 0.2)).Compute(WithEventDayMorning(1_500), History.Context());
        var down = XOfYBaseline.TenInTen(new DayOfAdjustment(Cap: 0.2)).Compute(WithEventDayMorning(600), History.Context());

        Assert.Equal([1_800, 3_000], up.NetImportWh.Select(v => Math.Round(v, 6)));
        Assert.Equal([1_200, 2_000], down.NetImportWh.Select(v => Math.Round(v, 6)));
    }

    [Fact]
    public void An_up_only_adjustment_never_lowers_the_baseline()
    {
        var result = XOfYBaseline.TenInTen(new DayOfAdjustment(UpOnly: true)).Compute(WithEventDayMorning(600), History.Context());

        Assert.Equal(1.0, result.Adjustment);
        Assert.Equal([1_500, 2_500], result.NetImportWh);
    }

    [Fact]
    public void An_additive_adjustment_shifts_by_the_morning_difference_within_its_cap()
    {
        // +300 Wh (1,300 − 1,000); the cap is 20 % of the baseline's mean in the window, (1,500 + 2,500) / 2 × 0.2 = 400.
        // Then +900 is capped at +400.
        var within = XOfYBaseline.TenInTen(new DayOfAdjustment(AdjustmentKind.Additive)).Compute(WithEventDayMorning(1_300), History.Context());
        var capped = XOfYBaseline.TenInTen(new DayOfAdjustment(AdjustmentKind.Additive)).Compute(WithEventDayMorning(1_900), History.Context());

        Assert.Equal([1_800, 2_800], within.NetImportWh);
        Assert.Equal([1_900, 2_900], capped.NetImportWh);
        Assert.Equal(400, capped.Adjustment);
    }

    [Fact]
    public void No_adjustment_when_the_event_days_window_has_a_gap()
    {
        var history = History.Build((day, hour) => day == History.EventDay && hour == 14 ? null : WithEventDayMorning(1_500).At(History.At(day, hour)));

        var result = XOfYBaseline.TenInTen(new DayOfAdjustment()).Compute(history, History.Context());

        Assert.Equal(1.0, result.Adjustment);
        Assert.Equal([1_500, 2_500], result.NetImportWh);
    }

    [Fact]
    public void Meter_before_holds_the_last_interval_before_the_event()
    {
        // 16:00 on the event day is 200 Wh.
        var result = new MeterBeforeBaseline().Compute(WithEventDayMorning(1_000), History.Context());

        Assert.Equal([200, 200], result.NetImportWh);
    }

    [Fact]
    public void Meter_before_fails_without_the_interval_before()
    {
        var history = History.Build((day, hour) => day == History.EventDay && hour == 16 ? null : 100);

        var result = new MeterBeforeBaseline().Compute(history, History.Context());

        Assert.False(result.Succeeded);
        Assert.Contains("before the event", result.Failure);
    }

    [Fact]
    public void Meter_before_with_a_gap_reads_the_interval_that_ended_that_long_before_the_event()
    {
        // Only 15:00 differs: a baseline frozen an hour ahead of the 17:00 event must read it, not 16:00.
        var history = History.Build((day, hour) => day == History.EventDay && hour == 15 ? 340 : 100);

        var result = new MeterBeforeBaseline { Gap = TimeSpan.FromHours(1) }.Compute(history, History.Context());
        var offGrid = new MeterBeforeBaseline { Gap = TimeSpan.FromMinutes(20) }.Compute(history, History.Context());

        Assert.Equal([340, 340], result.NetImportWh);
        Assert.False(offGrid.Succeeded);
    }
}
