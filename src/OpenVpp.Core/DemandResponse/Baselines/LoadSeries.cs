using OpenVpp.Core.Readings;

namespace OpenVpp.Core.DemandResponse.Baselines;

/// <summary>
/// Net import (imported − exported, Wh) per interval on a fixed grid from <see cref="Start"/>. A slot with no data
/// is null, never 0: a silent meter is missing data, not a house that used nothing.
/// </summary>
public sealed class LoadSeries
{
    private readonly double?[] _netImportWh;

    public LoadSeries(DateTimeOffset start, TimeSpan interval, double?[] netImportWh)
    {
        ArgumentNullException.ThrowIfNull(netImportWh);
        if (interval <= TimeSpan.Zero || TimeSpan.FromDays(1).Ticks % interval.Ticks != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(interval), interval, "The interval must be positive and divide a day.");
        }

        Start = start;
        Interval = interval;
        _netImportWh = netImportWh;
    }

    public DateTimeOffset Start { get; }

    public TimeSpan Interval { get; }

    public int Count => _netImportWh.Length;

    public DateTimeOffset End => Start + (Interval * Count);

    /// <summary>Net import in the interval starting at <paramref name="at"/>, null when missing or outside the series.</summary>
    public double? At(DateTimeOffset at)
    {
        var offset = at - Start;
        if (offset < TimeSpan.Zero || offset.Ticks % Interval.Ticks != 0)
        {
            return null;
        }

        var index = offset.Ticks / Interval.Ticks;
        return index < _netImportWh.Length ? _netImportWh[index] : null;
    }

    /// <summary>
    /// Builds a series from one device's readings: each reading's net energy goes to the slot it starts in (readings
    /// on the grid, as this project's gateways send them); a reading off the grid or outside [start, end) is ignored.
    /// </summary>
    public static LoadSeries FromReadings(IEnumerable<Reading> readings, DateTimeOffset start, DateTimeOffset end, TimeSpan interval)
    {
        ArgumentNullException.ThrowIfNull(readings);
        var count = (int)Math.Max(0, (end - start).Ticks / interval.Ticks);
        var slots = new double?[count];
        foreach (var reading in readings)
        {
            var offset = reading.IntervalStart - start;
            if (reading.Duration != interval || offset < TimeSpan.Zero || offset.Ticks % interval.Ticks != 0 || offset.Ticks / interval.Ticks >= count)
            {
                continue;
            }

            var index = (int)(offset.Ticks / interval.Ticks);
            slots[index] = (slots[index] ?? 0) + (reading.EnergyImportedWh - reading.EnergyExportedWh);
        }

        return new LoadSeries(start, interval, slots);
    }

    /// <summary>The sum of several devices' series (a region, a site); a slot is missing when any device is missing it.</summary>
    public static LoadSeries Sum(IReadOnlyList<LoadSeries> series)
    {
        ArgumentNullException.ThrowIfNull(series);
        if (series.Count == 0)
        {
            throw new ArgumentException("Nothing to sum.", nameof(series));
        }

        var first = series[0];
        if (series.Any(s => s.Start != first.Start || s.Interval != first.Interval || s.Count != first.Count))
        {
            throw new ArgumentException("Series to sum must share start, interval and length.", nameof(series));
        }

        var slots = new double?[first.Count];
        for (var i = 0; i < slots.Length; i++)
        {
            double sum = 0;
            var complete = true;
            foreach (var s in series)
            {
                if (s._netImportWh[i] is { } value)
                {
                    sum += value;
                }
                else
                {
                    complete = false;
                    break;
                }
            }

            slots[i] = complete ? sum : null;
        }

        return new LoadSeries(first.Start, first.Interval, slots);
    }
}
