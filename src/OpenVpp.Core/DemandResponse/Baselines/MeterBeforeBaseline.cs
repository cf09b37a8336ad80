namespace OpenVpp.Core.DemandResponse.Baselines;

/// <summary>
/// "Meter before / meter after": one interval before the event, held flat through it. Used for batteries and other
/// resources whose past days say little about today (their schedule, not the weather, drives them).
/// </summary>
/// <remarks>
/// <see cref="Gap"/> is the time between the end of that interval and the event's start. A dispatcher that plans
/// ahead of the event freezes each device's baseline from the last interval it could see when it dispatched; the
/// measurement must read the same interval, or requested and delivered are counted from different baselines.
/// </remarks>
public sealed record MeterBeforeBaseline : IBaselineMethod
{
    /// <summary>Time from the end of the baseline interval to the event's start; zero (the interval just before) by default.</summary>
    public TimeSpan Gap { get; init; }

    public BaselineResult Compute(LoadSeries history, BaselineContext context)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(context);
        var window = context.EventEnd - context.EventStart;
        if (window <= TimeSpan.Zero || window.Ticks % history.Interval.Ticks != 0)
        {
            return BaselineResult.Failed($"the event window {window} is not a whole number of {history.Interval} intervals");
        }

        if (Gap < TimeSpan.Zero || Gap.Ticks % history.Interval.Ticks != 0)
        {
            return BaselineResult.Failed($"the gap {Gap} before the event is not a whole number of {history.Interval} intervals");
        }

        var intervalStart = context.EventStart - Gap - history.Interval;
        if (history.At(intervalStart) is not { } before)
        {
            return BaselineResult.Failed($"no reading for the baseline interval {intervalStart:O}, {Gap} before the event");
        }

        var intervals = (int)(window.Ticks / history.Interval.Ticks);
        return new BaselineResult(Enumerable.Repeat(before, intervals).ToArray(), [context.EventDay], 1.0, null);
    }
}
