using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenVpp.Core.Epochs;
using OpenVpp.Core.Merkle;
using OpenVpp.Node.Ingest;
using OpenVpp.Storage;

namespace OpenVpp.Node.Epochs;

/// <summary>
/// Seals every epoch whose end has passed, including those missed while the node was down: the Merkle root over
/// keccak256 of each signed reading accepted in it (32 zero bytes when empty), stored with its bounds and count.
/// </summary>
internal sealed class EpochSealer(
    IEpochStore epochs,
    IngestService ingest,
    EpochSchedule schedule,
    NodeClock clock,
    NodeOptions options,
    NodeStartState startState,
    ILogger<EpochSealer> logger) : BackgroundService
{
    private const int SaveChunk = 1000;
    private readonly SemaphoreSlim _sealing = new(1, 1);

    /// <summary>Seals what is due now; returns how many epochs were sealed.</summary>
    public async Task<int> SealDueAsync(CancellationToken cancellationToken = default)
    {
        await _sealing.WaitAsync(cancellationToken);
        try
        {
            var current = schedule.IndexAt(clock.UtcNow);
            var last = await epochs.GetLastSealedAsync(cancellationToken);
            var first = last is { } l ? l + 1 : startState.FirstEpoch;
            if (first >= current)
            {
                return 0;
            }

            if (current - first > 1)
            {
                NodeLog.CatchingUp(logger, current - first, first);
            }

            // From here on no batch can be accepted into an epoch before `current`.
            ingest.RaiseFloor(schedule.StartOf(current));
            var sealedAt = clock.UtcNow;
            var chunk = new List<EpochRecord>();
            for (var index = first; index < current; index++)
            {
                var leaves = await epochs.GetLeavesAsync(index, cancellationToken);
                var root = MerkleTree.Build(leaves).Root;
                var record = new EpochRecord(index, schedule.StartOf(index), schedule.EndOf(index), leaves.Count, root, sealedAt);
                chunk.Add(record);
                var rootHex = Hex.Of(root);
                NodeLog.EpochSealed(logger, index, record.Start, record.End, record.ReadingCount, rootHex);
                if (chunk.Count == SaveChunk)
                {
                    await epochs.SaveAsync(chunk, cancellationToken);
                    chunk.Clear();
                }
            }

            await epochs.SaveAsync(chunk, cancellationToken);
            return checked((int)(current - first));
        }
        finally
        {
            _sealing.Release();
        }
    }

    public override void Dispose()
    {
        _sealing.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.SealCheckInterval, clock.Time);
        do
        {
            try
            {
                await SealDueAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                NodeLog.SealingFailed(logger, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }
}
