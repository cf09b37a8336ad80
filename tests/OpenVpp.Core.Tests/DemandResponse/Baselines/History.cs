using OpenVpp.Core.DemandResponse.Baselines;

namespace OpenVpp.Core.Tests.DemandResponse.Baselines;

/// <summary>Hourly histories in UTC for hand-computed baselines: the value of each (day, hour) comes from a function.</summary>
internal static class History
{
    /// <summary>Thursday 15 January 2026; the events run 17:00–19:00 UTC (two hourly intervals).</summary>
    public static readonly DateOnly EventDay = new(2026, 1, 15);

    public static readonly DateTimeOffset EventStart = At(EventDay, 17);

    public static DateTimeOffset At(DateOnly day, int hour) => new(day.ToDateTime(new TimeOnly(hour, 0)), TimeSpan.Zero);

    public static BaselineContext Context(IReadOnlySet<DateOnly>? holidays = null, IReadOnlySet<DateOnly>? eventDays = null, DateOnly? eventDay = null)
    {
        var start = At(eventDay ?? EventDay, 17);
        return new BaselineContext(start, start.AddHours(2), TimeZoneInfo.Utc, holidays ?? new HashSet<DateOnly>(), eventDays ?? new HashSet<DateOnly>());
    }

    /// <summary>60 days of hourly data up to the end of the event day; <paramref name="value"/> gives each hour's Wh or null.</summary>
    public static LoadSeries Build(Func<DateOnly, int, double?> value, DateOnly? lastDay = null)
    {
        var last = lastDay ?? EventDay;
        var first = last.AddDays(-59);
        var slots = new double?[60 * 24];
        for (var d = 0; d < 60; d++)
        {
            for (var h = 0; h < 24; h++)
            {
                slots[(d * 24) + h] = value(first.AddDays(d), h);
            }
        }

        return new LoadSeries(At(first, 0), TimeSpan.FromHours(1), slots);
    }

    /// <summary>The weekday count back from the event day (1 = the weekday before), for building per-day values.</summary>
    public static int WeekdaysBack(DateOnly day)
    {
        var count = 0;
        for (var d = day; d < EventDay; d = d.AddDays(1))
        {
            count += d.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? 0 : 1;
        }

        return count;
    }
}
