namespace OpenVpp.Core.DemandResponse.Baselines;

/// <summary>
/// The event a baseline is for and the calendar around it: the event window, the local time zone that decides what a
/// day is, holidays (counted with weekends), and earlier event days (never baseline days: their load was changed).
/// </summary>
public sealed record BaselineContext(
    DateTimeOffset EventStart,
    DateTimeOffset EventEnd,
    TimeZoneInfo TimeZone,
    IReadOnlySet<DateOnly> Holidays,
    IReadOnlySet<DateOnly> EventDays)
{
    public static BaselineContext For(DateTimeOffset eventStart, DateTimeOffset eventEnd, TimeZoneInfo timeZone) =>
        new(eventStart, eventEnd, timeZone, new HashSet<DateOnly>(), new HashSet<DateOnly>());

    public DateOnly EventDay => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(EventStart, TimeZone).DateTime);

    /// <summary>Weekdays and weekend/holiday days are baselined separately: their load shapes differ.</summary>
    public bool IsWeekendOrHoliday(DateOnly day) => day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday || Holidays.Contains(day);

    /// <summary>The same local clock time as <paramref name="instant"/> on <paramref name="day"/> (DST moves the UTC offset, not the clock).</summary>
    public DateTimeOffset SameLocalTimeOn(DateOnly day, DateTimeOffset instant)
    {
        var local = TimeZoneInfo.ConvertTime(instant, TimeZone);
        var wall = day.ToDateTime(TimeOnly.FromDateTime(local.DateTime));
        return new DateTimeOffset(wall, TimeZone.GetUtcOffset(wall));
    }
}
