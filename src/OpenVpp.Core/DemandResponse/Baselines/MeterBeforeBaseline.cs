namespace OpenVpp.Core.DemandResponse.Baselines;

/// <summary>
/// "Meter before / meter after": the interval just before the event, held flat through it. Used for batteries and
/// other resources whose past days say little about today (their schedule, not the weather, drives them).
/// </summary>
public sealed record MeterBeforeBaseline : IBaselineMethod
{
    public BaselineResult Compute(LoadSeries history, BaselineContext context)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(context);
        var window = context.EventEnd - context.EventStart;
        if (window <= TimeSpan.Zero || window.Ticks % history.Interval.Ticks != 0)
        {
            return BaselineResult.Failed($"the event window {window} is not a whole number of {history.Interval} intervals");
        }

        if (history.At(context.EventStart - history.Interval) is not { } before)
        {
            return BaselineResult.Failed($"no reading for the interval before the event ({context.EventStart - history.Interval:O})");
        }

        var intervals = (int)(window.Ticks / history.Interval.Ticks);
        return new BaselineResult(Enumerable.Repeat(before, intervals).ToArray(), [context.EventDay], 1.0, null);
    }
}
