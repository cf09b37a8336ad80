using OpenVpp.Core.DemandResponse.Baselines;

namespace OpenVpp.Core.Tests.DemandResponse.Baselines;

public class XOfYBaselineTests
{
    // Weekday i back has 1,000 + 10·i Wh at 17:00 and 2,000 + 10·i at 18:00; weekends are 99,999 (must never be used).
    private static readonly LoadSeries Rising = History.Build((day, hour) =>
        day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? 99_999
        : hour == 17 ? 1_000 + (10 * History.WeekdaysBack(day))
        : hour == 18 ? 2_000 + (10 * History.WeekdaysBack(day))
        : 500);

    [Fact]
    public void Ten_in_ten_averages_the_ten_previous_weekdays()
    {
        // The weekdays 1..10 back average i = 5.5: 1,055 and 2,055 Wh. They run from 1 Jan (Thu) to 14 Jan (Wed).
        var result = XOfYBaseline.TenInTen().Compute(Rising, History.Context());

        Assert.True(result.Succeeded, result.Failure);
        Assert.Equal([1_055, 2_055], result.NetImportWh);
        Assert.Equal(10, result.Days.Count);
        Assert.Equal(new DateOnly(2026, 1, 1), result.Days[0]);
        Assert.Equal(new DateOnly(2026, 1, 14), result.Days[^1]);
        Assert.DoesNotContain(result.Days, d => d.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday);
    }

    [Fact]
    public void Event_days_and_holidays_are_skipped_for_older_weekdays()
    {
        // Skip weekdays 3 back (12 Jan, an event day) and 5 back (8 Jan, a holiday): days 1..12 without 3 and 5, whose
        // i add up to 78 − 8 = 70: a mean of 7, so 1,070 and 2,070 Wh.
        var context = History.Context(holidays: new HashSet<DateOnly> { new(2026, 1, 8) }, eventDays: new HashSet<DateOnly> { new(2026, 1, 12) });

        var result = XOfYBaseline.TenInTen().Compute(Rising, context);

        Assert.Equal([1_070, 2_070], result.NetImportWh);
        Assert.DoesNotContain(new DateOnly(2026, 1, 8), result.Days);
        Assert.DoesNotContain(new DateOnly(2026, 1, 12), result.Days);
    }

    [Fact]
    public void High_four_of_five_drops_the_lowest_day()
    {
        // Window loads of the five weekdays back: 500, 900, 700, 300, 800 at 17:00 (+100 at 18:00). The highest four
        // are 900, 800, 700, 500: 725 and 825 Wh.
        double[] at17 = [500, 900, 700, 300, 800];
        var history = History.Build((day, hour) =>
        {
            var back = History.WeekdaysBack(day);
            return back is < 1 or > 5 || hour is not (17 or 18) ? 100 : at17[back - 1] + (hour == 18 ? 100 : 0);
        });

        var result = new XOfYBaseline(4, 5).Compute(history, History.Context());

        Assert.Equal([725, 825], result.NetImportWh);
        Assert.DoesNotContain(History.EventDay.AddDays(-6), result.Days); // 9 Jan, 4 weekdays back: the 300 Wh day.
    }

    [Fact]
    public void High_five_of_ten_keeps_the_five_highest_of_ten()
    {
        // Weekday i back (1..10) has 100·((i · 7) mod 10) at 17:00: 700, 400, 100, 800, 500, 200, 900, 600, 300, 0. The top
        // five are 900, 800, 700, 600, 500: 700 Wh. At 18:00 a flat 1,000 Wh.
        var history = History.Build((day, hour) =>
        {
            var back = History.WeekdaysBack(day);
            return hour == 17 && back is >= 1 and <= 10 ? 100 * (back * 7 % 10) : hour == 18 ? 1_000 : 50;
        });

        var result = new XOfYBaseline(5, 10).Compute(history, History.Context());

        Assert.Equal([700, 1_000], result.NetImportWh);
        Assert.Equal(5, result.Days.Count);
    }

    [Fact]
    public void A_weekend_event_uses_weekend_and_holiday_days_only()
    {
        // Event Saturday 17 Jan. With a holiday on Wednesday 14 Jan, the three most recent eligible days are 14 (1,400),
        // Sun 11 (1,100) and Sat 10 (1,000); the high 2 of 3 are 1,400 and 1,100: 1,250 Wh.
        var saturday = new DateOnly(2026, 1, 17);
        var history = History.Build((day, _) => 100 * day.Day, lastDay: saturday);
        var context = History.Context(holidays: new HashSet<DateOnly> { new(2026, 1, 14) }, eventDay: saturday);

        var result = new XOfYBaseline(2, 3, MinDays: 2).Compute(history, context);

        Assert.Equal([1_250, 1_250], result.NetImportWh);
        Assert.Equal([new DateOnly(2026, 1, 11), new DateOnly(2026, 1, 14)], result.Days);
    }

    [Fact]
    public void A_day_missing_too_much_of_the_window_is_not_eligible()
    {
        // The weekday before (i = 1) lacks its 18:00 reading: half the window, over the 10 % allowed. Days 2..11 are used,
        // mean i = 6.5: 1,065 and 2,065 Wh.
        var history = History.Build((day, hour) => History.WeekdaysBack(day) == 1 && hour == 18 ? null : Rising.At(History.At(day, hour)));

        var result = XOfYBaseline.TenInTen().Compute(history, History.Context());

        Assert.Equal([1_065, 2_065], result.NetImportWh);
        Assert.DoesNotContain(History.EventDay.AddDays(-1), result.Days);
    }

    [Fact]
    public void Too_little_history_fails_with_a_reason_and_no_values()
    {
        // Only the last two weekdays have data; 10-in-10 needs at least 3.
        var history = History.Build((day, hour) => History.WeekdaysBack(day) is 1 or 2 ? 1_000 : null);

        var result = XOfYBaseline.TenInTen().Compute(history, History.Context());

        Assert.False(result.Succeeded);
        Assert.Contains("insufficient history", result.Failure);
        Assert.Contains("2 eligible weekday days", result.Failure);
        Assert.Empty(result.NetImportWh);
    }

    [Fact]
    public void Fewer_eligible_days_than_x_uses_what_there_is()
    {
        // Four weekdays of data (i = 1..4) for a 10-in-10 with the default minimum of 3: mean i = 2.5, 1,025 and 2,025 Wh.
        var history = History.Build((day, hour) => History.WeekdaysBack(day) is >= 1 and <= 4 ? Rising.At(History.At(day, hour)) : null);

        var result = XOfYBaseline.TenInTen().Compute(history, History.Context());

        Assert.Equal([1_025, 2_025], result.NetImportWh);
        Assert.Equal(4, result.Days.Count);
    }

    [Fact]
    public void The_same_local_time_is_used_across_a_dst_change()
    {
        // Amsterdam: the event day 30 March 2026 (CEST, UTC+2) and its baseline days before 29 March (CET, UTC+1). Load
        // is 1,000 Wh at 17:00 local on every day (15:00 or 16:00 UTC), 0 otherwise: the baseline must be 1,000.
        var amsterdam = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");
        var eventDay = new DateOnly(2026, 3, 30);
        var history = History.Build(
            (day, hour) => TimeZoneInfo.ConvertTime(History.At(day, hour), amsterdam).Hour == 17 ? 1_000 : 0,
            lastDay: eventDay);
        var start = new DateTimeOffset(2026, 3, 30, 17, 0, 0, TimeSpan.FromHours(2));
        var context = new BaselineContext(start, start.AddHours(1), amsterdam, new HashSet<DateOnly>(), new HashSet<DateOnly>());

        var result = XOfYBaseline.TenInTen().Compute(history, context);

        Assert.Equal([1_000], result.NetImportWh);
    }
}
