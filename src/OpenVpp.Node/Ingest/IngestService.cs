using System.Buffers.Text;
using Microsoft.Extensions.Logging;
using OpenVpp.Core.Crypto;
using OpenVpp.Core.Epochs;
using OpenVpp.Core.Readings;
using OpenVpp.Core.Validation;
using OpenVpp.Core.Wire;
using OpenVpp.Node.Registry;
using OpenVpp.Storage;

namespace OpenVpp.Node.Ingest;

/// <summary>
/// Ingest in two stages. Stateless checks (decode, registry, P-256 signature, leaf hash) run on the request's thread,
/// in parallel across cores. The batch then joins a queue. One writer thread takes every batch waiting there as a
/// group and, under the writer lock, runs the stateful checks (duplicate, sequence, clock, plausibility against the
/// previous reading) batch by batch in arrival order against per-device state kept in memory, inserts, and commits
/// the whole group in one transaction: one durable commit (one fsync) for however many requests arrived while the
/// previous group was committing. A reading is answered "accepted" only after the commit that holds it is durable.
/// </summary>
internal sealed class IngestService : IDisposable
{
    private const int ParallelThreshold = 16;

    private readonly Lock _writerLock = new();
    private readonly object _queueGate = new();
    private readonly IReadingWriter _writer;
    private readonly DeviceRegistry _registry;
    private readonly NodeClock _clock;
    private readonly NodeOptions _options;
    private readonly EpochSchedule _schedule;
    private readonly IngestStats _stats;
    private readonly ILogger<IngestService> _logger;
    private readonly Dictionary<Core.Devices.DeviceId, DeviceReadingState> _states;
    private readonly Dictionary<Core.Devices.DeviceId, DeviceReadingState> _pending = [];
    private readonly Thread _writerThread;
    private List<PendingBatch> _queue = [];
    private bool _stopping;
    private DateTimeOffset _lastAcceptedAt;
    private DateTimeOffset _floor;

    public IngestService(
        IReadingWriter writer,
        DeviceRegistry registry,
        NodeClock clock,
        NodeOptions options,
        EpochSchedule schedule,
        IngestStats stats,
        NodeStartState startState,
        ILogger<IngestService> logger)
    {
        _writer = writer;
        _registry = registry;
        _clock = clock;
        _options = options;
        _schedule = schedule;
        _stats = stats;
        _logger = logger;
        _states = new Dictionary<Core.Devices.DeviceId, DeviceReadingState>(startState.DeviceStates);
        _lastAcceptedAt = startState.LatestAcceptedAt ?? DateTimeOffset.MinValue;
        _floor = startState.LastSealedEpoch is { } sealedIndex ? schedule.EndOf(sealedIndex) : DateTimeOffset.MinValue;
        _writerThread = new Thread(WriterLoop) { IsBackground = true, Name = "openvpp-ingest-writer" };
        _writerThread.Start();
    }

    /// <summary>
    /// Guarantees that no reading accepted from now on lands before <paramref name="instant"/>: the sealer calls this
    /// before sealing the epochs that end at or before it. Taking the writer lock also waits out a group in flight.
    /// </summary>
    public void RaiseFloor(DateTimeOffset instant)
    {
        lock (_writerLock)
        {
            if (instant > _floor)
            {
                _floor = instant;
            }
        }
    }

    public Task<IngestResponse> IngestAsync(IReadOnlyList<string?> readings)
    {
        ArgumentNullException.ThrowIfNull(readings);
        var batch = Prepare(readings);
        Enqueue([batch]);
        return AnswerAsync(batch);
    }

    /// <summary>
    /// Prepares several batches and queues them at once, so the writer takes them in one group in this order; what a
    /// burst of concurrent requests does by chance, made certain (tests use it to pin group commit down).
    /// </summary>
    internal Task<IngestResponse>[] IngestTogether(params IReadOnlyList<string?>[] batches)
    {
        var prepared = batches.Select(Prepare).ToArray();
        Enqueue(prepared);
        return [.. prepared.Select(AnswerAsync)];
    }

    public void Dispose()
    {
        lock (_queueGate)
        {
            if (_stopping)
            {
                return;
            }

            _stopping = true;
            Monitor.Pulse(_queueGate);
        }

        // The writer finishes the batches already queued before it stops.
        _writerThread.Join();
        _writer.Dispose();
    }

    private PendingBatch Prepare(IReadOnlyList<string?> readings)
    {
        var items = new PreparedReading[readings.Count];
        if (items.Length < ParallelThreshold)
        {
            for (var i = 0; i < items.Length; i++)
            {
                Prepare(readings[i], ref items[i]);
            }
        }
        else
        {
            Parallel.For(0, items.Length, i => Prepare(readings[i], ref items[i]));
        }

        return new PendingBatch(items);
    }

    private void Prepare(string? text, ref PreparedReading item)
    {
        if (string.IsNullOrEmpty(text))
        {
            item.Reject(RejectionReason.Malformed, "reading is empty; send the 140 signed bytes as base64");
            return;
        }

        var bytes = new byte[SignedReading.Length];
        if (!Convert.TryFromBase64String(text, bytes, out var written) || written != SignedReading.Length)
        {
            item.Reject(RejectionReason.Malformed, Base64.IsValid(text, out var length)
                ? $"signed reading is {length} bytes, expected {SignedReading.Length}"
                : "reading is not valid base64");
            return;
        }

        item.Bytes = bytes;
        var canonical = SignedReading.Canonical(bytes);
        var reading = ReadingCodec.TryDecode(canonical, out var error);
        if (reading is null)
        {
            item.Reject(RejectionReason.Malformed, error ?? "reading does not decode");
            return;
        }

        item.Reading = reading;
        if (reading.Sequence > long.MaxValue)
        {
            item.Reject(RejectionReason.Malformed, $"sequence {reading.Sequence} is above 2^63-1");
            return;
        }

        var device = _registry.Find(reading.DeviceId);
        if (device is null)
        {
            item.Reject(RejectionReason.UnknownDevice, _options.Chain is null
                ? $"device {reading.DeviceId} is not registered; register it with POST /v1/devices first"
                : $"device {reading.DeviceId} is not in the on-chain registry (yet); its owner registers it with `openvpp device register`");
            return;
        }

        if (!device.Record.Active)
        {
            item.Reject(RejectionReason.UnknownDevice, $"device {reading.DeviceId} was deactivated by its owner; it can no longer report");
            return;
        }

        item.Device = device;
        if (!device.Verify(canonical, SignedReading.Signature(bytes)))
        {
            item.Reject(RejectionReason.BadSignature, "signature does not verify against the registered key (P-256, low-s, over the 76 canonical bytes)");
            return;
        }

        item.Leaf = Keccak256.Hash(bytes);
    }

    private void Enqueue(ReadOnlySpan<PendingBatch> batches)
    {
        var queued = false;
        lock (_queueGate)
        {
            ObjectDisposedException.ThrowIf(_stopping, this);
            foreach (var batch in batches)
            {
                if (batch.HasCandidates)
                {
                    _queue.Add(batch);
                    queued = true;
                }
                else
                {
                    // Nothing passed the stateless checks: nothing to check against state, nothing to write.
                    batch.Completion.TrySetResult(0);
                }
            }

            if (queued)
            {
                Monitor.Pulse(_queueGate);
            }
        }
    }

    private async Task<IngestResponse> AnswerAsync(PendingBatch batch)
    {
        var accepted = await batch.Completion.Task.ConfigureAwait(false);
        return Answer(batch.Items, accepted);
    }

    private void WriterLoop()
    {
        var group = new List<PendingBatch>();
        while (true)
        {
            lock (_queueGate)
            {
                while (_queue.Count == 0 && !_stopping)
                {
                    Monitor.Wait(_queueGate);
                }

                if (_queue.Count == 0)
                {
                    return;
                }

                (group, _queue) = (_queue, group);
            }

            try
            {
                WriteGroup(group);
            }
            catch (Exception ex)
            {
                // Nothing of the group was committed: every request in it fails, none is answered "accepted".
                foreach (var batch in group)
                {
                    batch.Completion.TrySetException(ex);
                }
            }

            group.Clear();
        }
    }

    /// <summary>
    /// Checks and writes the batches of one group in arrival order, each seeing the ones before it exactly as if they
    /// had been committed one after another, then commits them together and completes each batch.
    /// </summary>
    private void WriteGroup(List<PendingBatch> group)
    {
        var accepted = 0;
        var recorded = 0;
        lock (_writerLock)
        {
            var now = _clock.UtcNow;
            // Monotonic, and never inside an epoch the sealer has already taken.
            var acceptedAt = Max(Max(now, _lastAcceptedAt), _floor);
            var epoch = Math.Max(0, _schedule.IndexAt(acceptedAt));
            var pending = _pending;
            pending.Clear();

            using (var transaction = _writer.Begin())
            {
                foreach (var batch in group)
                {
                    batch.Accepted = WriteBatch(transaction, batch.Items, pending, now, acceptedAt, epoch, ref recorded);
                    accepted += batch.Accepted;
                }

                if (accepted > 0 || recorded > 0)
                {
                    transaction.Commit();
                }
            }

            if (accepted > 0)
            {
                foreach (var (id, state) in pending)
                {
                    _states[id] = state;
                }

                _lastAcceptedAt = acceptedAt;
            }

            pending.Clear();
        }

        _stats.AddGroup(group.Count);
        foreach (var batch in group)
        {
            batch.Completion.TrySetResult(batch.Accepted);
        }
    }

    private int WriteBatch(
        IReadingWriteBatch transaction,
        PreparedReading[] items,
        Dictionary<Core.Devices.DeviceId, DeviceReadingState> pending,
        DateTimeOffset now,
        DateTimeOffset acceptedAt,
        long epoch,
        ref int recorded)
    {
        var accepted = 0;
        for (var i = 0; i < items.Length; i++)
        {
            ref var item = ref items[i];
            if (item.Reason is not null)
            {
                continue;
            }

            var reading = item.Reading!;
            var id = reading.DeviceId;
            DeviceReadingState? state = pending.TryGetValue(id, out var p) ? p : _states.TryGetValue(id, out var s) ? s : null;
            if (state is { } known && reading.Sequence <= known.LastSequence)
            {
                var stored = transaction.FindSignedBytes(id, reading.Sequence);
                if (stored is null)
                {
                    item.Reject(RejectionReason.SequenceRegression, $"sequence {reading.Sequence} is below the device's latest {known.LastSequence}");
                }
                else
                {
                    item.Stored = stored.AsSpan().SequenceEqual(item.Bytes);
                    item.Reject(RejectionReason.Duplicate, item.Stored
                        ? "already stored; drop it from the outbox"
                        : "a different reading with this sequence is already stored");
                }

                continue;
            }

            var violation = TimestampRules.CheckNotInFuture(reading, now, _options.MaxClockSkew)
                ?? PlausibilityRules.Check(item.Device!.Record, reading, state?.LastIntervalEnd, _options.PlausibilityTolerance);
            if (violation is { } v)
            {
                item.Reject(v.Reason, v.Detail);
                if (v.Reason == RejectionReason.Implausible)
                {
                    transaction.RecordImplausible(id, reading.Sequence, epoch, acceptedAt, item.Bytes!);
                    recorded++;
                }

                continue;
            }

            transaction.Insert(new StoredReading(reading, item.Bytes!, item.Leaf!, acceptedAt, epoch));
            pending[id] = new DeviceReadingState(reading.Sequence, reading.IntervalEnd);
            item.Stored = true;
            accepted++;
        }

        return accepted;
    }

    private IngestResponse Answer(PreparedReading[] items, int accepted)
    {
        var results = new IngestResult[items.Length];
        for (var i = 0; i < items.Length; i++)
        {
            ref var item = ref items[i];
            var id = item.Reading?.DeviceId.ToString();
            var sequence = item.Reading?.Sequence;
            if (item.Reason is { } reason)
            {
                _stats.AddRejected(reason);
                var code = reason.ToWire();
                NodeLog.ReadingRejected(_logger, id ?? "?", sequence ?? 0, code, item.Detail ?? "");
                results[i] = new IngestResult(i, id, sequence, "rejected", code, item.Detail, item.Stored);
            }
            else
            {
                results[i] = new IngestResult(i, id, sequence, "accepted", null, null, true);
            }
        }

        _stats.AddAccepted(accepted);
        var rejected = items.Length - accepted;
        NodeLog.BatchIngested(_logger, items.Length, accepted, rejected);
        return new IngestResponse(accepted, rejected, results);
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    /// <summary>One request's prepared batch waiting for the writer, and the outcome its request awaits.</summary>
    private sealed class PendingBatch(PreparedReading[] items)
    {
        public PreparedReading[] Items { get; } = items;

        public bool HasCandidates { get; } = items.Any(item => item.Reason is null);

        // Continuations run on the pool, never on the writer thread.
        public TaskCompletionSource<int> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Accepted { get; set; }
    }
}
