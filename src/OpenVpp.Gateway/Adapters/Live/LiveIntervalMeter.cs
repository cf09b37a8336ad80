using OpenVpp.Core.Readings;

namespace OpenVpp.Gateway.Adapters.Live;

/// <summary>
/// Turns one live device's samples into interval measurements. Energy comes from the difference of cumulative
/// registers where the device has them (exact, whatever the sampling rate), otherwise from power held between
/// samples. An interval the device only partly covered is flagged <see cref="ReadingStatus.PartialInterval"/>;
/// an interval with no sample at all gives no reading, so a device that went quiet is never reported as idle.
/// Thread-safe: protocol handlers record from their own threads while the producer closes intervals.
/// </summary>
public sealed class LiveIntervalMeter
{
    // A power sample is trusted for at most this long when integrating; a longer gap counts as not measured.
    private static readonly TimeSpan MaxHold = TimeSpan.FromMinutes(5);

    private readonly Lock _gate = new();
    private readonly string _deviceName;
    private readonly List<DeviceSample> _samples = [];
    private DeviceSample? _beforeInterval;
    private Capabilities.EnergyRegisters? _baseline;

    public LiveIntervalMeter(string deviceName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(deviceName);
        _deviceName = deviceName;
    }

    /// <summary>When the device last said anything; null if never.</summary>
    public DateTimeOffset? LastSampleAt { get; private set; }

    /// <summary>The latest sample, for live status and control decisions.</summary>
    public DeviceSample? Latest { get; private set; }

    public void Record(DeviceSample sample)
    {
        lock (_gate)
        {
            // Registers never decrease; a smaller value is a meter reset or replacement: restart the baseline there
            // rather than report a negative or huge interval.
            if (sample.Registers is { } r && Latest?.Registers is { } previous &&
                (r.ImportedWh < previous.ImportedWh || r.ExportedWh < previous.ExportedWh))
            {
                _baseline = r;
            }

            _samples.Add(sample);
            if (LastSampleAt is null || sample.At > LastSampleAt)
            {
                LastSampleAt = sample.At;
                Latest = sample;
            }
        }
    }

    /// <summary>
    /// Closes [start, end): returns the measurement, or null when the device sent nothing in it. Samples after
    /// <paramref name="end"/> stay for the next interval.
    /// </summary>
    public IntervalMeasurement? Close(DateTimeOffset start, DateTimeOffset end)
    {
        lock (_gate)
        {
            var inside = _samples.Where(s => s.At >= start && s.At < end).OrderBy(s => s.At).ToList();
            var before = _samples.Where(s => s.At < start).OrderBy(s => s.At).LastOrDefault();
            var carried = before == default ? _beforeInterval : before;
            _samples.RemoveAll(s => s.At < end);
            if (inside.Count > 0)
            {
                _beforeInterval = inside[^1];
            }

            if (inside.Count == 0)
            {
                return null;
            }

            var flags = ReadingStatus.None;
            long importedWh;
            long exportedWh;
            var lastRegisters = inside.LastOrDefault(s => s.Registers is not null).Registers;
            if (lastRegisters is { } last)
            {
                var baseline = BaselineFor(carried, inside, ref flags);
                importedWh = Math.Max(0, last.ImportedWh - baseline.ImportedWh);
                exportedWh = Math.Max(0, last.ExportedWh - baseline.ExportedWh);
                _baseline = last;
            }
            else
            {
                (importedWh, exportedWh, var covered) = IntegratePower(carried, inside, start, end);
                if (covered < end - start)
                {
                    flags |= ReadingStatus.PartialInterval;
                }
            }

            var seconds = (end - start).TotalSeconds;
            var averagePowerW = (int)Math.Round((exportedWh - importedWh) * 3600.0 / seconds);
            var peakPowerW = inside.Where(s => s.PowerW is not null).Select(s => Math.Abs(s.PowerW!.Value)).DefaultIfEmpty(Math.Abs(averagePowerW)).Max();
            peakPowerW = Math.Max(peakPowerW, Math.Abs(averagePowerW));
            var soc = inside.LastOrDefault(s => s.StateOfChargeBp is not null).StateOfChargeBp;
            var soh = inside.LastOrDefault(s => s.StateOfHealthBp is not null).StateOfHealthBp;
            if (inside.Any(s => s.Fault))
            {
                flags |= ReadingStatus.DeviceFault;
            }

            return new IntervalMeasurement(_deviceName, importedWh, exportedWh, averagePowerW, peakPowerW, soc, soh, flags);
        }
    }

    private Capabilities.EnergyRegisters BaselineFor(DeviceSample? carried, List<DeviceSample> inside, ref ReadingStatus flags)
    {
        if (_baseline is { } known)
        {
            return known;
        }

        if (carried?.Registers is { } previous)
        {
            return previous;
        }

        // First registers ever seen: energy before the first sample of this interval is unknown.
        flags |= ReadingStatus.PartialInterval;
        return inside.First(s => s.Registers is not null).Registers!.Value;
    }

    private static (long ImportedWh, long ExportedWh, TimeSpan Covered) IntegratePower(
        DeviceSample? carried, List<DeviceSample> inside, DateTimeOffset start, DateTimeOffset end)
    {
        double importedWh = 0, exportedWh = 0;
        var covered = TimeSpan.Zero;
        var points = new List<DeviceSample>();
        if (carried is { PowerW: not null } c && start - c.At <= MaxHold)
        {
            points.Add(c with { At = start });
        }

        points.AddRange(inside.Where(s => s.PowerW is not null));
        for (var i = 0; i < points.Count; i++)
        {
            var from = points[i].At < start ? start : points[i].At;
            var until = i + 1 < points.Count ? points[i + 1].At : end;
            if (until - from > MaxHold)
            {
                until = from + MaxHold;
            }

            if (until > end)
            {
                until = end;
            }

            var span = until - from;
            if (span <= TimeSpan.Zero)
            {
                continue;
            }

            covered += span;
            var wh = points[i].PowerW!.Value * span.TotalHours;
            if (wh >= 0)
            {
                exportedWh += wh;
            }
            else
            {
                importedWh -= wh;
            }
        }

        return ((long)Math.Round(importedWh), (long)Math.Round(exportedWh), covered);
    }
}
