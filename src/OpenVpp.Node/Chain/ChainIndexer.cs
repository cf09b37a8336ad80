using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenVpp.Chain.Rpc;
using OpenVpp.Node.Registry;
using OpenVpp.Storage;
using OpenVpp.Storage.Chain;

namespace OpenVpp.Node.Chain;

/// <summary>
/// Follows the registry, ledger and token events a confirmation depth behind the chain head. Each block range is
/// applied in one transaction with its head block and hash, so a restart resumes after the last applied range. Before
/// each poll the stored head hash is compared with the chain's; if it changed (a reorg deeper than the confirmation
/// depth) everything learned from the chain is rebuilt from the deployment block: rare, simple and always right.
/// </summary>
internal sealed class ChainIndexer(
    ChainContext chain,
    IChainIndexStore store,
    IDeviceStore devices,
    DeviceRegistry registry,
    NodeClock clock,
    ILogger<ChainIndexer> logger) : BackgroundService
{
    private readonly ChainLogDecoder _decoder = new(chain);
    private readonly SemaphoreSlim _polling = new(1, 1);

    /// <summary>
    /// True from a reorg's reset until the rebuild reaches the confirmed head: the registry is incomplete meanwhile,
    /// so the rewards oracle waits rather than score an epoch without some devices.
    /// </summary>
    public bool IsRebuilding { get; private set; }

    /// <summary>The last block applied (null before the first poll).</summary>
    public long? HeadBlock { get; private set; }

    /// <summary>Indexes what is confirmed now; returns the number of blocks applied.</summary>
    public async Task<long> PollAsync(CancellationToken cancellationToken = default)
    {
        await _polling.WaitAsync(cancellationToken);
        try
        {
            var options = chain.Options;
            var deployment = options.Manifest.DeploymentBlock;
            var head = (long)await chain.Rpc.BlockNumberAsync(cancellationToken);
            var safe = head - options.ConfirmationDepth;
            var reset = false;
            long from;
            var recent = await store.GetRecentBlocksAsync(1, cancellationToken);
            if (recent.Count == 0)
            {
                from = deployment;
            }
            else
            {
                var last = recent[0];
                var onChain = await chain.Rpc.GetBlockAsync((ulong)last.Number, cancellationToken);
                if (onChain is not null && onChain.Hash.AsSpan().SequenceEqual(last.Hash))
                {
                    from = last.Number + 1;
                }
                else
                {
                    NodeChainLog.ReorgDetected(logger, last.Number, deployment);
                    reset = true;
                    IsRebuilding = true;
                    from = deployment;
                }
            }

            long applied = 0;
            while (from <= safe)
            {
                var to = Math.Min(safe, from + options.MaxLogRange - 1);
                var toBlock = await chain.Rpc.GetBlockAsync((ulong)to, cancellationToken)
                    ?? throw new InvalidOperationException($"The chain has no block {to} although its head is {head}.");
                var logs = await chain.Rpc.GetLogsAsync(new LogFilter
                {
                    FromBlock = (ulong)from,
                    ToBlock = (ulong)to,
                    Addresses = [chain.Registry.Address, chain.Ledger.Address, chain.Token.Address],
                }, cancellationToken);
                // A reorg between the two reads would store one fork's logs under the other's hash; read the hash
                // again and leave the range for the next poll if it moved.
                var after = await chain.Rpc.GetBlockAsync((ulong)to, cancellationToken);
                if (after is null || !after.Hash.AsSpan().SequenceEqual(toBlock.Hash)
                    || logs.Any(l => l.BlockNumber == (ulong)to && !l.BlockHash.AsSpan().SequenceEqual(toBlock.Hash)))
                {
                    break;
                }

                var batch = _decoder.Decode(logs, reset, to, toBlock.Hash, clock.UtcNow);
                await store.ApplyAsync(batch, cancellationToken);
                await UpdateRegistryAsync(batch, cancellationToken);
                if (!batch.IsEmpty)
                {
                    NodeChainLog.Indexed(logger, from, to, batch.Registrations.Count, batch.Commits.Count, batch.Claims.Count, batch.Disputes.Count);
                }

                applied += to - from + 1;
                HeadBlock = to;
                reset = false;
                from = to + 1;
            }

            if (from > safe)
            {
                IsRebuilding = false;
            }

            return applied;
        }
        finally
        {
            _polling.Release();
        }
    }

    public override void Dispose()
    {
        _polling.Dispose();
        base.Dispose();
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        ChainPollLoop.RunAsync(ct => PollAsync(ct), chain.Options.PollInterval, (e, failures) => NodeChainLog.IndexingFailed(logger, chain.Options.Rpc, e.Message, failures), stoppingToken);

    private async Task UpdateRegistryAsync(ChainIndexBatch batch, CancellationToken cancellationToken)
    {
        if (batch.Reset)
        {
            registry.ReplaceAll(await devices.LoadAllAsync(cancellationToken));
            return;
        }

        var touched = batch.Registrations.Select(r => r.Device.Id)
            .Concat(batch.OwnerChanges.Select(o => o.Device))
            .Concat(batch.Deactivations)
            .Distinct();
        foreach (var id in touched)
        {
            if (await devices.GetAsync(id, cancellationToken) is { } record)
            {
                registry.Set(record);
            }
        }
    }
}
