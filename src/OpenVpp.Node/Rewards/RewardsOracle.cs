using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenVpp.Chain.Contracts;
using OpenVpp.Chain.Rpc;
using OpenVpp.Core.Accounts;
using OpenVpp.Core.Devices;
using OpenVpp.Core.Readings;
using OpenVpp.Core.Rewards;
using OpenVpp.Core.Wire;
using OpenVpp.Node.Chain;
using OpenVpp.Node.DemandResponse;
using OpenVpp.Node.Registry;
using OpenVpp.Storage;
using OpenVpp.Storage.Chain;
using OpenVpp.Storage.Rewards;

namespace OpenVpp.Node.Rewards;

/// <summary>
/// The rewards oracle: for every sealed epoch, in order, scores the verified readings, splits the epoch's emission,
/// stores the whole computation (published for verifiers) and commits data root and reward root in one transaction.
/// Restart-safe: a computed epoch is stored before its commit is sent, and an epoch the ledger already holds (a commit
/// mined just before a crash) is recorded from the chain index instead of being sent again.
/// </summary>
internal sealed class RewardsOracle(
    ChainContext chain,
    ChainIndexer indexer,
    IEpochStore epochs,
    IRewardStore rewards,
    IChainIndexStore index,
    DeviceRegistry registry,
    FlexibilityCredits flexibility,
    ILogger<RewardsOracle> logger) : BackgroundService
{
    private const string Logged = "openvpp.logged";

    private readonly SemaphoreSlim _running = new(1, 1);

    /// <summary>Computes and commits every sealed epoch the ledger does not hold yet; returns how many were committed.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken = default)
    {
        if (chain.Oracle is null || indexer.IsRebuilding)
        {
            return 0;
        }

        await _running.WaitAsync(cancellationToken);
        try
        {
            var lastSealed = await epochs.GetLastSealedAsync(cancellationToken);
            long next;
            try
            {
                next = await chain.Ledger.NextEpochAsync(BlockParameter.Latest, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                NodeChainLog.LedgerUnreachable(logger, chain.Options.Rpc, e.Message);
                e.Data[Logged] = true;
                throw;
            }

            await RecordCommitsMadeElsewhereAsync(next, cancellationToken);
            var committed = 0;
            while (lastSealed is { } sealedUpTo && next <= sealedUpTo)
            {
                var record = await rewards.GetAsync(next, cancellationToken);
                if (record is null)
                {
                    // Demand-response delivery settling in this epoch is part of its rewards: wait for its measurement.
                    if (!flexibility.TryGet(next, out var credits, out var waitingFor))
                    {
                        NodeChainLog.OracleWaitsForDemandResponse(logger, next, waitingFor!);
                        break;
                    }

                    record = await ComputeAsync(next, credits, cancellationToken);
                }

                await CommitAsync(record, cancellationToken);
                committed++;
                next++;
            }

            return committed;
        }
        finally
        {
            _running.Release();
        }
    }

    public override void Dispose()
    {
        _running.Dispose();
        base.Dispose();
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        ChainPollLoop.RunAsync(ct => RunOnceAsync(ct), chain.Options.PollInterval, OnFailure, stoppingToken);

    private void OnFailure(Exception e, int failures)
    {
        // CommitAsync and the ledger read have said what failed; anything else (e.g. no earlier balances) is said here.
        if (!e.Data.Contains(Logged))
        {
            NodeChainLog.OracleFailed(logger, e.Message, failures);
        }
    }

    private async Task<EpochRewardRecord> ComputeAsync(long epoch, IReadOnlyList<FlexibilityCredit> credits, CancellationToken cancellationToken)
    {
        var sealedEpoch = await epochs.GetAsync(epoch, cancellationToken);
        var dataRoot = sealedEpoch?.Root ?? new byte[32];
        var readings = Decode(sealedEpoch is null ? [] : await epochs.GetSignedReadingsAsync(epoch, cancellationToken));
        var implausible = Decode(await epochs.GetImplausibleReadingsAsync(epoch, cancellationToken)).Select(r => r.DeviceId).ToHashSet();

        var profiles = new Dictionary<DeviceId, DeviceRewardProfile>();
        foreach (var device in registry.Snapshot())
        {
            if (AccountAddress.TryParse(device.Owner.ToLowerInvariant(), out var owner))
            {
                profiles[device.Id] = new DeviceRewardProfile(device.Id, owner, device.Kind, device.CapacityWh);
            }
        }

        var previousRecord = await rewards.GetAsync(epoch - 1, cancellationToken);
        if (previousRecord is null && epoch > chain.Options.Manifest.FirstEpoch)
        {
            // Starting from zero here would drop every owner's unclaimed rewards from the cumulative root.
            throw new InvalidOperationException(
                $"The rewards oracle has no balances after epoch {epoch - 1} (this store did not settle it), so it cannot settle epoch {epoch}. " +
                "Run the oracle on the node whose store settled the earlier epochs, or restore its node.db.");
        }

        var previous = previousRecord is null
            ? CumulativeRewards.Empty
            : EpochRewardsDocuments.CumulativeAfter(Parse(previousRecord.ComputationJson));
        var parameters = chain.Options.Rewards with { GenesisEpoch = chain.Options.Manifest.FirstEpoch };
        var inputs = new EpochRewardInputs(epoch, readings, implausible, profiles, previous, parameters, credits);
        var result = EpochRewardComputation.Compute(inputs);
        var document = EpochRewardsDocuments.Create(inputs, readings, dataRoot, result);
        var record = new EpochRewardRecord(epoch, result.Tree.Root, result.Rewards.Issued,
            JsonSerializer.Serialize(document, WireJsonContext.Default.EpochRewardsDocument));
        await rewards.SaveAsync(record, cancellationToken);
        return record;
    }

    private async Task CommitAsync(EpochRewardRecord record, CancellationToken cancellationToken)
    {
        var document = Parse(record.ComputationJson);
        var commitment = new EpochCommitment(
            record.Epoch,
            Convert.FromHexString(document.DataRoot.AsSpan(2)),
            record.RewardRoot,
            document.Contributions.Sum(c => c.ProducedWh),
            record.Issued,
            document.ReadingCount,
            document.Contributions.Count);
        try
        {
            var receipt = await chain.Ledger.CommitEpochAsync(chain.Oracle!, commitment, cancellationToken);
            await rewards.SetCommitAsync(record.Epoch, receipt.TransactionHash, (long)receipt.GasUsed, cancellationToken);
            var tx = RpcHex.FormatData(receipt.TransactionHash);
            NodeChainLog.EpochCommitted(logger, record.Epoch, document.DataRoot, document.RewardRoot, document.Issued,
                document.Owners.Count, tx, receipt.GasUsed);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            NodeChainLog.CommitFailed(logger, record.Epoch, e.Message);
            e.Data[Logged] = true;
            throw;
        }
    }

    /// <summary>
    /// Epochs the ledger holds but this store has no commit for (the oracle crashed between send and record, or a
    /// receipt timed out): their transaction is taken from the chain index once the indexer has seen it; every run
    /// retries all of them, so one found late is still recorded.
    /// </summary>
    private async Task RecordCommitsMadeElsewhereAsync(long nextOnChain, CancellationToken cancellationToken)
    {
        foreach (var epoch in await rewards.ListUncommittedBeforeAsync(nextOnChain, cancellationToken))
        {
            if (await index.GetCommitAsync(epoch, cancellationToken) is { } commit)
            {
                await rewards.SetCommitAsync(epoch, commit.TxHash, 0, cancellationToken);
                var tx = RpcHex.FormatData(commit.TxHash);
                NodeChainLog.CommitFoundOnChain(logger, epoch, tx);
            }
        }
    }

    private static List<Reading> Decode(IEnumerable<byte[]> signedReadings)
    {
        var list = new List<Reading>();
        foreach (var bytes in signedReadings)
        {
            if (ReadingCodec.TryDecode(SignedReading.Canonical(bytes), out _) is { } reading)
            {
                list.Add(reading);
            }
        }

        return list;
    }

    internal static EpochRewardsDocument Parse(string json) =>
        JsonSerializer.Deserialize(json, WireJsonContext.Default.EpochRewardsDocument)
            ?? throw new InvalidDataException("Stored reward computation is empty.");
}
