namespace OpenVpp.Core.DemandResponse.Baselines;

/// <summary>
/// The "high X of Y" family of customer baselines: take the <see cref="OfY"/> most recent eligible days before the
/// event (same day type, not an event day, not missing more than <see cref="MaxMissingFraction"/> of the window,
/// within <see cref="MaxLookbackDays"/>), keep the <see cref="HighestX"/> with the most load in the event window, and
/// average them interval by interval. 10-in-10 (all ten) is CAISO's; high 4 of 5 PJM's; high 5 of 10 NYISO's. With
/// fewer than X eligible days it uses what there is, down to <see cref="MinDays"/>; below that it fails, saying so.
/// </summary>
public sealed record XOfYBaseline(
    int HighestX,
    int OfY,
    DayOfAdjustment? Adjustment = null,
    int MaxLookbackDays = 45,
    int MinDays = 3,
    double MaxMissingFraction = 0.1) : IBaselineMethod
{
    public static XOfYBaseline TenInTen(DayOfAdjustment? adjustment = null) => new(10, 10, adjustment);

    public BaselineResult Compute(LoadSeries history, BaselineContext context)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(context);
        if (HighestX < 1 || OfY < HighestX || MinDays < 1 || MaxLookbackDays < 1 || MaxMissingFraction is < 0 or > 1)
        {
            throw new ArgumentException($"Invalid X-of-Y baseline: X {HighestX}, Y {OfY}, min days {MinDays}, lookback {MaxLookbackDays} days, missing fraction {MaxMissingFraction}.");
        }

        var window = context.EventEnd - context.EventStart;
        if (window <= TimeSpan.Zero || window.Ticks % history.Interval.Ticks != 0)
        {
            return BaselineResult.Failed($"the event window {window} is not a whole number of {history.Interval} intervals");
        }

        var intervals = (int)(window.Ticks / history.Interval.Ticks);
        var eventDay = context.EventDay;
        var weekendType = context.IsWeekendOrHoliday(eventDay);
        var candidates = new List<(DateOnly Day, double?[] Values)>();
        for (var back = 1; back <= MaxLookbackDays && candidates.Count < OfY; back++)
        {
            var day = eventDay.AddDays(-back);
            if (context.IsWeekendOrHoliday(day) != weekendType || context.EventDays.Contains(day))
            {
                continue;
            }

            var start = context.SameLocalTimeOn(day, context.EventStart);
            var values = new double?[intervals];
            for (var k = 0; k < intervals; k++)
            {
                values[k] = history.At(start + (history.Interval * k));
            }

            if (values.Count(v => v is null) > MaxMissingFraction * intervals)
            {
                continue;
            }

            candidates.Add((day, values));
        }

        if (candidates.Count < MinDays)
        {
            var kind = weekendType ? "weekend or holiday" : "weekday";
            return BaselineResult.Failed($"insufficient history: {candidates.Count} eligible {kind} days in the {MaxLookbackDays} days before {eventDay:yyyy-MM-dd}, at least {MinDays} needed");
        }

        // Highest load first; among equal loads the more recent day, as it is the better estimate.
        var chosen = candidates
            .Select((c, recency) => (c.Day, c.Values, Load: c.Values.Sum(v => v ?? 0), recency))
            .OrderByDescending(c => c.Load)
            .ThenBy(c => c.recency)
            .Take(HighestX)
            .ToList();

        var average = new double[intervals];
        for (var k = 0; k < intervals; k++)
        {
            var present = chosen.Where(c => c.Values[k] is not null).Select(c => c.Values[k]!.Value).ToList();
            average[k] = present.Count > 0 ? present.Average() : chosen.SelectMany(c => c.Values).Where(v => v is not null).Average(v => v!.Value);
        }

        var days = chosen.Select(c => c.Day).OrderBy(d => d).ToList();
        if (Adjustment is null)
        {
            return new BaselineResult(average, days, 1.0, null);
        }

        var (adjusted, applied) = Adjustment.Apply(average, history, context, days);
        return new BaselineResult(adjusted, days, applied, null);
    }
}
