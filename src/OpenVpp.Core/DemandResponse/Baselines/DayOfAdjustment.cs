namespace OpenVpp.Core.DemandResponse.Baselines;

/// <summary>Whether the day-of adjustment scales the baseline or shifts it.</summary>
public enum AdjustmentKind
{
    /// <summary>Baseline × (event-day load / baseline load) in the adjustment window.</summary>
    Ratio,

    /// <summary>Baseline + (event-day load − baseline load) per interval in the adjustment window.</summary>
    Additive,
}

/// <summary>
/// The day-of adjustment utilities settle with: the baseline days' load is compared with the event day's in a window
/// before the event (by default from 4 h to 1 h before it, so pre-cooling or early response does not leak in), and the
/// baseline is moved by the difference, within <see cref="Cap"/> (a fraction: 0.2 = ±20 %). Up-only never lowers a
/// baseline, as some programs require. When the event day's window has missing data the baseline is not adjusted.
/// </summary>
public sealed record DayOfAdjustment(
    AdjustmentKind Kind = AdjustmentKind.Ratio,
    double Cap = 0.2,
    bool UpOnly = false,
    TimeSpan? WindowStartBeforeEvent = null,
    TimeSpan? WindowEndBeforeEvent = null)
{
    public TimeSpan StartBefore => WindowStartBeforeEvent ?? TimeSpan.FromHours(4);

    public TimeSpan EndBefore => WindowEndBeforeEvent ?? TimeSpan.FromHours(1);

    /// <summary>Adjusts <paramref name="values"/> (per event interval); returns the adjusted values and the ratio or offset applied.</summary>
    internal (double[] Values, double Applied) Apply(double[] values, LoadSeries history, BaselineContext context, IReadOnlyList<DateOnly> days)
    {
        if (Cap < 0 || !double.IsFinite(Cap) || StartBefore <= EndBefore || EndBefore < TimeSpan.Zero)
        {
            throw new ArgumentException($"Invalid day-of adjustment: cap {Cap}, window {StartBefore} to {EndBefore} before the event.");
        }

        var neutral = Kind == AdjustmentKind.Ratio ? 1.0 : 0.0;
        var eventDayMean = WindowMean(history, context.EventStart - StartBefore, context.EventStart - EndBefore);
        var baselineMeans = days
            .Select(d => context.SameLocalTimeOn(d, context.EventStart))
            .Select(start => WindowMean(history, start - StartBefore, start - EndBefore))
            .ToList();
        if (eventDayMean is not { } actual || baselineMeans.Any(m => m is null) || baselineMeans.Count == 0)
        {
            return (values, neutral);
        }

        var baseline = baselineMeans.Average(m => m!.Value);
        if (Kind == AdjustmentKind.Ratio)
        {
            var ratio = baseline > 0 ? actual / baseline : 1.0;
            ratio = Math.Clamp(ratio, UpOnly ? 1.0 : 1.0 - Cap, 1.0 + Cap);
            return ([.. values.Select(v => v * ratio)], ratio);
        }

        // Additive: the shift per interval, capped at the cap × the baseline's own mean level in the event window.
        var limit = Cap * Math.Abs(values.Length == 0 ? 0 : values.Average());
        var offset = Math.Clamp(actual - baseline, UpOnly ? 0 : -limit, limit);
        return ([.. values.Select(v => v + offset)], offset);
    }

    private static double? WindowMean(LoadSeries history, DateTimeOffset from, DateTimeOffset to)
    {
        double sum = 0;
        var count = 0;
        for (var at = from; at < to; at += history.Interval)
        {
            if (history.At(at) is not { } value)
            {
                return null;
            }

            sum += value;
            count++;
        }

        return count == 0 ? null : sum / count;
    }
}
