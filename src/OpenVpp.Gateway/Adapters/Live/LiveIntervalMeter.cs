using OpenVpp.Core.Readings;
using OpenVpp.Gateway.Capabilities;

namespace OpenVpp.Gateway.Adapters.Live;

/// <summary>
/// Turns one live device's samples into interval measurements. Energy comes from the difference of cumulative
/// registers where the device has them and the previous interval ended with a register (exact, whatever the sampling
/// rate); otherwise from power held between samples. An interval the device only partly covered is flagged
/// <see cref="ReadingStatus.PartialInterval"/>; an interval with no sample at all gives no reading, so a device that
/// went quiet is never reported as idle. Thread-safe: protocol handlers record from their own threads while the
/// producer closes intervals.
/// </summary>
public sealed class LiveIntervalMeter
{
    // A power sample is trusted for at most this long when integrating; a longer gap counts as not measured. A register
    // baseline older than this before an interval starts is stale too: the energy of the gap in between is not known
    // to have flowed in that interval, so it is not put there.
    private static readonly TimeSpan MaxHold = TimeSpan.FromMinutes(5);

    // A device that reports registers but no power (an energy topic every few minutes) has nothing else to go by, so
    // its baseline may be older; beyond this a gap's energy is not put into one interval.
    private static readonly TimeSpan MaxRegisterGap = TimeSpan.FromMinutes(30);

    // An open interval keeps its samples until it closes; a device publishing many times a second (a chatty MQTT topic)
    // is thinned past this many, keeping every other sample, so memory stays bounded and Close stays quick.
    private const int MaxSamples = 20_000;

    private readonly Lock _gate = new();
    private readonly string _deviceName;
    private readonly List<DeviceSample> _samples = [];
    private DeviceSample? _lastPower;
    private EnergyRegisters? _baseline;
    private DateTimeOffset _baselineAt;
    private DeviceSample? _latest;

    public LiveIntervalMeter(string deviceName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(deviceName);
        _deviceName = deviceName;
    }

    /// <summary>When the device last said anything; null if never.</summary>
    public DateTimeOffset? LastSampleAt
    {
        get
        {
            lock (_gate)
            {
                return _latest?.At;
            }
        }
    }

    /// <summary>
    /// The device's latest known values, field by field (a sample that carries only state of charge does not erase the
    /// last power), for live status and control decisions.
    /// </summary>
    public DeviceSample? Latest
    {
        get
        {
            lock (_gate)
            {
                return _latest;
            }
        }
    }

    /// <summary>Samples held for the open interval (bounded; for tests and diagnostics).</summary>
    internal int PendingSampleCount
    {
        get
        {
            lock (_gate)
            {
                return _samples.Count;
            }
        }
    }

    public void Record(DeviceSample sample)
    {
        lock (_gate)
        {
            _samples.Add(sample);
            if (_samples.Count > MaxSamples)
            {
                Thin();
            }

            if (_latest is not { } latest)
            {
                _latest = sample;
            }
            else if (sample.At >= latest.At)
            {
                _latest = new DeviceSample(
                    sample.At,
                    sample.Registers ?? latest.Registers,
                    sample.PowerW ?? latest.PowerW,
                    sample.StateOfChargeBp ?? latest.StateOfChargeBp,
                    sample.StateOfHealthBp ?? latest.StateOfHealthBp,
                    sample.Fault);
            }
        }
    }

    /// <summary>
    /// Closes [start, end): returns the measurement, or null when the device sent nothing in it. Samples at or after
    /// <paramref name="end"/> stay for the next interval; samples stamped before <paramref name="start"/> that arrive
    /// late are dropped (a register among them is still accounted for by the next register difference).
    /// </summary>
    public IntervalMeasurement? Close(DateTimeOffset start, DateTimeOffset end)
    {
        lock (_gate)
        {
            var inside = _samples.Where(s => s.At >= start && s.At < end).OrderBy(s => s.At).ToList();
            SeedFromEarlierSamples(start);
            _samples.RemoveAll(s => s.At < end);
            var carriedPower = _lastPower;
            if (inside.Count == 0)
            {
                return null;
            }

            var flags = ReadingStatus.None;
            var registers = inside.Where(s => s.Registers is not null).ToList();
            var powers = inside.Where(s => s.PowerW is not null).ToList();
            var baselineFresh = _baseline is not null && _baselineAt >= start - (powers.Count > 0 ? MaxHold : MaxRegisterGap);
            long importedWh, exportedWh;
            // Registers are exact: use them unless the only register here has no fresh baseline to count from (a charger
            // that sends its register hourly and power every minute) while power covers the interval.
            if (registers.Count > 0 && (baselineFresh || registers.Count > 1 || powers.Count == 0))
            {
                (importedWh, exportedWh) = RegisterDifferences(baselineFresh ? _baseline : null, registers, ref flags);
            }
            else if (powers.Count > 0 || carriedPower is not null)
            {
                (importedWh, exportedWh, var covered) = IntegratePower(carriedPower, powers, start, end);
                if (covered < end - start)
                {
                    flags |= ReadingStatus.PartialInterval;
                }
            }
            else
            {
                // Only state of charge, health or a fault: the device is alive but measured no energy here.
                (importedWh, exportedWh) = (0, 0);
                flags |= ReadingStatus.PartialInterval;
            }

            if (registers.Count > 0)
            {
                _baseline = registers[^1].Registers;
                _baselineAt = registers[^1].At;
            }

            if (powers.Count > 0)
            {
                _lastPower = powers[^1];
            }

            var seconds = (end - start).TotalSeconds;
            var averagePowerW = (int)Math.Round((exportedWh - importedWh) * 3600.0 / seconds);
            var peakPowerW = powers.Select(s => Math.Abs(s.PowerW!.Value)).DefaultIfEmpty(0).Max();
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

    /// <summary>
    /// Halves the kept samples: the first and last stay, and faults; every other one of the rest goes. Register
    /// differences still add up (they telescope), and power is held between the samples that remain.
    /// </summary>
    private void Thin()
    {
        _samples.Sort((a, b) => a.At.CompareTo(b.At));
        var kept = new List<DeviceSample>((_samples.Count / 2) + 2);
        for (var i = 0; i < _samples.Count; i++)
        {
            if (i == 0 || i == _samples.Count - 1 || i % 2 == 0 || _samples[i].Fault)
            {
                kept.Add(_samples[i]);
            }
        }

        _samples.Clear();
        _samples.AddRange(kept);
    }

    /// <summary>
    /// Before the first interval a device may already have spoken (it connected mid-interval, or just before the
    /// producer's first boundary): its last register and power before <paramref name="start"/> start the baseline.
    /// Later, a late sample stamped before the interval does not move an existing baseline, so no energy is lost.
    /// </summary>
    private void SeedFromEarlierSamples(DateTimeOffset start)
    {
        var earlier = _samples.Where(s => s.At < start).OrderBy(s => s.At).ToList();
        if (_baseline is null && earlier.LastOrDefault(s => s.Registers is not null) is { Registers: { } r } withRegisters)
        {
            _baseline = r;
            _baselineAt = withRegisters.At;
        }

        if (_lastPower is null && earlier.LastOrDefault(s => s.PowerW is not null) is { PowerW: not null } withPower)
        {
            _lastPower = withPower;
        }
    }

    /// <summary>
    /// Adds up the register increases piece by piece, in time order. A register that goes backwards is a meter reset
    /// or replacement: the energy across it is unknown, so it counts nothing and flags the interval partial.
    /// </summary>
    private static (long ImportedWh, long ExportedWh) RegisterDifferences(EnergyRegisters? baseline, List<DeviceSample> registers, ref ReadingStatus flags)
    {
        long importedWh = 0, exportedWh = 0;
        var previous = baseline;
        if (previous is null)
        {
            // No register at the start of the interval: energy before the first one here is unknown.
            flags |= ReadingStatus.PartialInterval;
        }

        foreach (var sample in registers)
        {
            var r = sample.Registers!.Value;
            if (previous is { } p)
            {
                if (r.ImportedWh < p.ImportedWh || r.ExportedWh < p.ExportedWh)
                {
                    flags |= ReadingStatus.PartialInterval;
                }
                else
                {
                    importedWh += r.ImportedWh - p.ImportedWh;
                    exportedWh += r.ExportedWh - p.ExportedWh;
                }
            }

            previous = r;
        }

        return (importedWh, exportedWh);
    }

    private static (long ImportedWh, long ExportedWh, TimeSpan Covered) IntegratePower(
        DeviceSample? carried, List<DeviceSample> inside, DateTimeOffset start, DateTimeOffset end)
    {
        double importedWh = 0, exportedWh = 0;
        var covered = TimeSpan.Zero;

        // Each point holds from its own time (the carried one from the interval's start) until the next point, for at
        // most MaxHold after it was actually measured.
        var points = new List<(DateTimeOffset From, DateTimeOffset MeasuredAt, int PowerW)>();
        if (carried is { PowerW: { } carriedW } c && c.At + MaxHold > start)
        {
            points.Add((start, c.At, carriedW));
        }

        points.AddRange(inside.Select(s => (s.At, s.At, s.PowerW!.Value)));
        for (var i = 0; i < points.Count; i++)
        {
            var from = points[i].From;
            var until = i + 1 < points.Count ? points[i + 1].From : end;
            var holdEnd = points[i].MeasuredAt + MaxHold;
            if (until > holdEnd)
            {
                until = holdEnd;
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
            var wh = points[i].PowerW * span.TotalHours;
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
