using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenVpp.Core.Wire;
using OpenVpp.Gateway.Hosting;
using OpenVpp.Gateway.Outbox;

namespace OpenVpp.Gateway.Uplink;

/// <summary>
/// Sends the outbox to the node: registers the devices, then repeatedly uploads the oldest unacknowledged readings
/// in id order, back-to-back full batches until drained, and records each reading's outcome. While the node is
/// unreachable it backs off exponentially (0.5 s doubling to <see cref="GatewayOptions.MaxBackoff"/>, with jitter)
/// and loses nothing: readings stay in the outbox until the node has stored them or refused them for good.
/// </summary>
internal sealed class UplinkService : BackgroundService
{
    private static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(500);

    private readonly GatewayRuntime _runtime;
    private readonly NodeClient _node;
    private readonly DeviceEnrollment _enrollment;
    private readonly OutboxSignal _signal;
    private readonly GatewayOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<UplinkService> _logger;
    private DateTimeOffset _nextPrune = DateTimeOffset.MinValue;

    public UplinkService(
        GatewayRuntime runtime,
        NodeClient node,
        DeviceEnrollment enrollment,
        OutboxSignal signal,
        IOptions<GatewayOptions> options,
        TimeProvider time,
        ILogger<UplinkService> logger)
    {
        _runtime = runtime;
        _node = node;
        _enrollment = enrollment;
        _signal = signal;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Let the host finish starting before the first network call.
        await Task.Yield();
        var unreachable = new ExponentialBackoff(FirstRetry, _options.MaxBackoff);
        var unregistered = new ExponentialBackoff(FirstRetry, _options.MaxBackoff);
        await _enrollment.EnsureRegisteredAsync(stoppingToken).ConfigureAwait(false);
        while (!stoppingToken.IsCancellationRequested)
        {
            // Taken before the pass, so readings written during it wake the next wait at once.
            var wake = _signal.Current;
            UploadPass pass;
            try
            {
                pass = await UploadPendingAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception e) when (IsNodeFailure(e) && !stoppingToken.IsCancellationRequested)
            {
                var delay = unreachable.Next();
                var pending = await _runtime.Outbox.CountPendingAsync(stoppingToken).ConfigureAwait(false);
                GatewayLog.NodeUnreachable(_logger, _options.NodeUrl, e.Message, pending, delay, _time.GetUtcNow() + delay);
                await Task.Delay(delay, _time, stoppingToken).ConfigureAwait(false);
                continue;
            }

            var recovered = unreachable.Attempt > 0;
            if (recovered)
            {
                GatewayLog.NodeReachableAgain(_logger, _options.NodeUrl, pass.Delivered);
                unreachable.Reset();
            }

            // Routine passes deliver one interval; say so only when the gateway caught up on a backlog.
            if (!recovered && pass.Delivered > _options.UploadBatchSize)
            {
                GatewayLog.CaughtUp(_logger, pass.Delivered);
            }

            await PruneIfDueAsync(stoppingToken).ConfigureAwait(false);

            if (pass.WaitingForRegistration > 0)
            {
                var delay = unregistered.Next();
                GatewayLog.DevicesUnknownToNode(_logger, (int)Math.Min(int.MaxValue, pass.WaitingForRegistration), pass.FirstUnknownDevice ?? "?", delay);
                await Task.Delay(delay, _time, stoppingToken).ConfigureAwait(false);
                _enrollment.Invalidate();
                await _enrollment.EnsureRegisteredAsync(stoppingToken).ConfigureAwait(false);
                continue;
            }

            unregistered.Reset();
            await WaitForReadingsAsync(wake, stoppingToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// One pass over every pending reading, in id order, in full batches. Readings whose device the node does not
    /// know are skipped for this pass (so they cannot block the others) and retried on the next.
    /// </summary>
    internal async Task<UploadPass> UploadPendingAsync(CancellationToken cancellationToken)
    {
        long afterId = 0, delivered = 0, rejected = 0, waiting = 0;
        string? firstUnknown = null;
        while (true)
        {
            var batch = await _runtime.Outbox.ReadPendingAsync(afterId, _options.UploadBatchSize, cancellationToken).ConfigureAwait(false);
            if (batch.Count == 0)
            {
                return new UploadPass(delivered, rejected, waiting, firstUnknown);
            }

            var response = await _node.SubmitReadingsAsync(batch.Select(r => r.SignedBytes), cancellationToken).ConfigureAwait(false);
            if (!AnswersBatch(batch, response))
            {
                GatewayLog.MismatchedAnswer(_logger, batch.Count, response.Results?.Count ?? 0);
                throw new HttpRequestException($"The node answered {response.Results?.Count ?? 0} results for {batch.Count} readings.");
            }

            var outcomes = Classify(batch, response);
            await _runtime.Outbox.RecordOutcomesAsync(outcomes, cancellationToken).ConfigureAwait(false);

            int batchDelivered = 0, batchRejected = 0, batchWaiting = 0;
            for (var i = 0; i < outcomes.Count; i++)
            {
                var outcome = outcomes[i];
                if (!outcome.Final)
                {
                    batchWaiting++;
                    firstUnknown ??= _runtime.NameOf(batch[i].DeviceId);
                }
                else if (OutboxResults.IsDelivered(outcome.Result))
                {
                    batchDelivered++;
                }
                else
                {
                    batchRejected++;
                    var result = response.Results[i];
                    GatewayLog.ReadingRejected(
                        _logger, batch[i].Sequence, _runtime.NameOf(batch[i].DeviceId), batch[i].DeviceId, outcome.Result,
                        string.IsNullOrEmpty(result.Detail) ? "" : $" ({result.Detail})");
                }
            }

            GatewayLog.BatchUploaded(_logger, batch.Count, batchDelivered, batchRejected, batchWaiting);
            delivered += batchDelivered;
            rejected += batchRejected;
            waiting += batchWaiting;
            afterId = batch[^1].Id;
        }
    }

    /// <summary>
    /// Maps the node's per-reading answers to outbox outcomes. Stored (accepted, or a duplicate of what the node
    /// holds) is delivered; unknown_device stays pending; any other rejection is final and kept for audit.
    /// </summary>
    internal static List<OutboxOutcome> Classify(IReadOnlyList<PendingReading> batch, IngestResponse response)
    {
        var results = response.Results;
        var outcomes = new List<OutboxOutcome>(batch.Count);
        for (var i = 0; i < batch.Count; i++)
        {
            var result = results[i];
            var id = batch[i].Id;
            if (result.Stored)
            {
                outcomes.Add(new OutboxOutcome(id, result.Status == "accepted" ? OutboxResults.Accepted : OutboxResults.AlreadyStored, Final: true));
            }
            else if (result.Status == "accepted")
            {
                // Contradictory, but "accepted" is the node's word that it took the reading.
                outcomes.Add(new OutboxOutcome(id, OutboxResults.Accepted, Final: true));
            }
            else if (result.Reason == "unknown_device")
            {
                outcomes.Add(new OutboxOutcome(id, "unknown_device", Final: false));
            }
            else
            {
                outcomes.Add(new OutboxOutcome(id, result.Reason ?? "rejected", Final: true));
            }
        }

        return outcomes;
    }

    /// <summary>True when the answer has exactly one result per reading, at its index.</summary>
    internal static bool AnswersBatch(IReadOnlyList<PendingReading> batch, IngestResponse response) =>
        response.Results is { } results && results.Count == batch.Count && !results.Where((r, i) => r.Index != i).Any();

    private async Task WaitForReadingsAsync(Task wake, CancellationToken cancellationToken)
    {
        try
        {
            // The producer signals every interval; the timeout is only a safety net.
            await wake.WaitAsync(_options.Interval, _time, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
        }
    }

    private async Task PruneIfDueAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        if (now < _nextPrune)
        {
            return;
        }

        _nextPrune = now + TimeSpan.FromHours(1);
        var cutoff = now - _options.AckedRetention;
        var pruned = await _runtime.Outbox.PruneAsync(cutoff, cancellationToken).ConfigureAwait(false);
        if (pruned > 0)
        {
            GatewayLog.Pruned(_logger, pruned, cutoff);
        }
    }

    private static bool IsNodeFailure(Exception e) =>
        e is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException or IOException;
}
