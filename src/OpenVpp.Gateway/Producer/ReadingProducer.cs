using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenVpp.Core.Readings;
using OpenVpp.Gateway.Adapters;
using OpenVpp.Gateway.Hosting;
using OpenVpp.Gateway.Outbox;
using OpenVpp.Gateway.Uplink;

namespace OpenVpp.Gateway.Producer;

/// <summary>
/// At every interval boundary (by the injected clock) asks each adapter for the interval that just ended, signs one
/// reading per device (sequence numbers per device, from 1) and commits them to the outbox in one transaction before
/// anything is sent. After downtime it produces every missed interval, oldest first, and continues the sequences and
/// the adapters from the outbox's cursor, so no sequence number is ever used for two different readings.
/// </summary>
internal sealed class ReadingProducer : BackgroundService
{
    private readonly GatewayRuntime _runtime;
    private readonly IReadOnlyList<IDeviceAdapter> _adapters;
    private readonly OutboxSignal _signal;
    private readonly GatewayOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<ReadingProducer> _logger;
    private readonly IReadOnlyList<IIntervalCommitObserver> _observers;
    private Dictionary<string, ulong> _nextSequence = [];

    public ReadingProducer(
        GatewayRuntime runtime,
        IEnumerable<IDeviceAdapter> adapters,
        OutboxSignal signal,
        IOptions<GatewayOptions> options,
        TimeProvider time,
        ILogger<ReadingProducer> logger,
        IEnumerable<IIntervalCommitObserver>? observers = null)
    {
        _observers = [.. observers ?? []];
        _runtime = runtime;
        _adapters = [.. adapters];
        _signal = signal;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = _options.Interval;

        // Live devices stamp samples with their own clocks and deliver them over networks: a sample taken just before a
        // boundary may arrive just after it. Closing live intervals a little late lets it count where it belongs. A
        // deterministic simulator has nothing in flight, so a simulator-only gateway closes on the boundary.
        var settle = _adapters.Any(a => a is ILiveDeviceAdapter) ? Min(LiveSettleDelay, interval / 4) : TimeSpan.Zero;
        var cursor = await _runtime.Outbox.ReadCursorAsync(stoppingToken).ConfigureAwait(false);
        if (cursor.Interval is { } previous && previous != interval)
        {
            throw new InvalidOperationException(
                $"The outbox was produced with {previous} intervals but the gateway is configured for {interval}; " +
                "use the same interval, or a new data directory (which gives every device a new identity).");
        }

        _nextSequence = new Dictionary<string, ulong>(cursor.NextSequences, StringComparer.OrdinalIgnoreCase);
        // A first run starts at the simulation origin, so a fleet started "in the past" catches up from there.
        var next = cursor.LastIntervalStart is { } last ? last + interval : _options.SimulationOrigin;
        GatewayLog.ProducerStarting(_logger, next, _adapters.Sum(a => a.Devices.Count), _adapters.Count, cursor.LastIntervalStart is not null);
        foreach (var adapter in _adapters)
        {
            await adapter.ResumeAtAsync(next, stoppingToken).ConfigureAwait(false);
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            var now = Min(_time.GetUtcNow(), _options.SimulationEnd ?? DateTimeOffset.MaxValue);
            var due = (now - next).Ticks / interval.Ticks;
            if (due > 1)
            {
                GatewayLog.CatchingUp(_logger, due, next);
            }

            while (next + interval + settle <= _time.GetUtcNow() && !PastEnd(next + interval) && !stoppingToken.IsCancellationRequested)
            {
                await ProduceAsync(next, next + interval, stoppingToken).ConfigureAwait(false);
                next += interval;
            }

            // Timers are relative, so re-read the clock at least every interval/15: a wall clock that jumps
            // (NTP step, suspended VM, a test moving fake time) then delays an interval by that much at most.
            // Past the simulation's end there is nothing more to produce; keep the loop idle, not spinning.
            var wait = PastEnd(next + interval) ? interval / 15 : next + interval + settle - _time.GetUtcNow();
            if (wait > interval / 15)
            {
                wait = interval / 15;
            }

            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, _time, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>How long after a boundary an interval with live devices is closed (at most a quarter of the interval).</summary>
    internal static readonly TimeSpan LiveSettleDelay = TimeSpan.FromSeconds(10);

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private bool PastEnd(DateTimeOffset intervalEnd) => _options.SimulationEnd is { } end && intervalEnd > end;

    private async Task ProduceAsync(DateTimeOffset start, DateTimeOffset end, CancellationToken cancellationToken)
    {
        var entries = new List<OutboxEntry>();
        var committed = _observers.Count > 0 ? new List<CommittedReading>() : null;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var adapter in _adapters)
        {
            IReadOnlyList<IntervalMeasurement> measurements;
            try
            {
                measurements = await adapter.MeasureAsync(start, end, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                GatewayLog.AdapterFailed(_logger, e, adapter.Name, start);
                continue;
            }

            foreach (var m in measurements)
            {
                var device = _runtime.Keystore.Find(m.DeviceName);
                if (device is null)
                {
                    GatewayLog.UnknownMeasurementDevice(_logger, adapter.Name, m.DeviceName);
                    continue;
                }

                if (!seen.Add(m.DeviceName))
                {
                    GatewayLog.RepeatedMeasurement(_logger, adapter.Name, m.DeviceName, start);
                    continue;
                }

                var key = device.Id.ToString();
                var sequence = _nextSequence.GetValueOrDefault(key, 1UL);
                var reading = new Reading(
                    device.Id, sequence, start, end,
                    m.EnergyImportedWh, m.EnergyExportedWh, m.AveragePowerW, m.PeakPowerW,
                    m.StateOfChargeBp, m.StateOfHealthBp, m.Flags);
                var signed = ReadingSigner.Sign(reading, device);
                entries.Add(new OutboxEntry(device.Id, sequence, start, signed));
                committed?.Add(new CommittedReading(m.DeviceName, reading, signed));
            }
        }

        try
        {
            await _runtime.Outbox.AppendIntervalAsync(start, end - start, entries, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            GatewayLog.OutboxWriteFailed(_logger, e, start, _runtime.Outbox.Path);
            throw;
        }

        // Only after the commit: a failed write must not consume sequence numbers.
        foreach (var entry in entries)
        {
            _nextSequence[entry.DeviceId.ToString()] = entry.Sequence + 1;
        }

        GatewayLog.IntervalWritten(_logger, start, entries.Count);
        _signal.Notify();
        if (committed is not null)
        {
            NotifyObservers(new CommittedInterval(start, end, committed));
        }
    }

    private void NotifyObservers(CommittedInterval interval)
    {
        foreach (var observer in _observers)
        {
            try
            {
                observer.OnIntervalCommitted(interval);
            }
            catch (Exception e)
            {
                GatewayLog.ObserverFailed(_logger, e, observer.GetType().Name, interval.Start);
            }
        }
    }
}
