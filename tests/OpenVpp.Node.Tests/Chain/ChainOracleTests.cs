using System.Globalization;
using System.Numerics;
using Microsoft.Extensions.Time.Testing;
using OpenVpp.Chain.Contracts;
using OpenVpp.Chain.Crypto;
using OpenVpp.Chain.Hosting;
using OpenVpp.Core.Crypto;
using OpenVpp.Core.Merkle;
using OpenVpp.Core.Rewards;
using OpenVpp.Core.Wire;
using OpenVpp.Node.Api;
using static OpenVpp.Node.Tests.Chain.ChainTestData;
using static OpenVpp.Node.Tests.TestData;

namespace OpenVpp.Node.Tests.Chain;

/// <summary>Sealed epochs go on the ledger through the node's rewards oracle, and owners claim with the node's proofs.</summary>
[Collection(SharedAnvil.Name)]
public sealed class ChainOracleTests(AnvilFixture chain) : IAsyncLifetime
{
    private const int Owner = 2;
    private const int OtherOwner = 3;

    private readonly string _dir = TempDir();
    private readonly FakeTimeProvider _time = new(Now.AddMinutes(5));
    private readonly List<P256DeviceKey> _keys = [];
    private readonly List<ChainNode> _nodes = [];
    private readonly LogCollector _logs = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
        }

        foreach (var key in _keys)
        {
            key.Dispose();
        }

        DeleteDir(_dir);
    }

    [Fact]
    public async Task The_oracle_commits_the_sealed_epoch_and_the_owner_claims_with_the_served_proof()
    {
        var epoch = CurrentEpoch;
        var deployment = await chain.DeployAsync(epoch);
        var node = await StartAsync(deployment);
        var mine = new[] { Key(), Key() };
        var theirs = Key();
        await chain.RegisterAsync(deployment, Owner, mine);
        await chain.RegisterAsync(deployment, OtherOwner, theirs);
        await node.Indexer.PollAsync();

        var signed = new List<byte[]>();
        foreach (var key in mine.Append(theirs))
        {
            signed.AddRange(Enumerable.Range(1, 4).Select(i => Signed(key, (ulong)i)));
        }

        Assert.Equal(signed.Count, (await node.Host.IngestAsync([.. signed.Select(Convert.ToBase64String)])).Accepted);

        var view = await EndEpochAsync(node, epoch);
        var expectedRoot = MerkleTree.Build(signed.Select(s => MerkleTree.LeafHash(s))).Root;
        Assert.Equal(Hex(expectedRoot), view.Root);
        Assert.Equal(epoch + 1, await deployment.Ledger.NextEpochAsync());
        var onChain = await deployment.Ledger.EpochInfoAsync(epoch);
        Assert.Equal(expectedRoot, onChain.DataRoot);
        Assert.Equal(signed.Count, onChain.ReadingCount);
        Assert.Equal(3, onChain.DeviceCount);
        Assert.Equal(Ovpp.FromTokens(1000), onChain.Reward);
        Assert.Equal(Ovpp.FromTokens(1000).ToString(CultureInfo.InvariantCulture), view.Issued);
        Assert.Equal(Hex(onChain.RewardRoot), view.RewardRoot);
        Assert.Equal(onChain.RewardRoot, await deployment.Token.RewardRootAsync());
        Assert.Equal(await CommitTxAsync(deployment, epoch), view.CommitTx);

        // The owner claims exactly what GET /v1/rewards says, with its proof, from its own account.
        var owner = AnvilDevAccounts.Key(Owner).Address;
        var claim = await node.Host.GetAsync<RewardClaimView>($"/v1/rewards/{owner}");
        var other = await node.Host.GetAsync<RewardClaimView>($"/v1/rewards/{AnvilDevAccounts.Key(OtherOwner).Address}");
        Assert.Equal(epoch, claim.Epoch);
        Assert.Equal(Hex(onChain.RewardRoot), claim.RewardRoot);
        Assert.Equal(("0", claim.CumulativeAmount), (claim.Claimed, claim.Claimable));
        Assert.Equal(Ovpp.FromTokens(1000), Amount(claim.CumulativeAmount) + Amount(other.CumulativeAmount));
        Assert.True(Amount(claim.CumulativeAmount) > Amount(other.CumulativeAmount), "two devices earn more than one");

        await ClaimAsync(deployment, claim);
        Assert.Equal(Amount(claim.CumulativeAmount), await deployment.Token.BalanceOfAsync(owner));
        await node.Indexer.PollAsync();
        var claimed = await node.Host.GetAsync<RewardClaimView>($"/v1/rewards/{owner}");
        Assert.Equal((claim.CumulativeAmount, claim.CumulativeAmount, "0"), (claimed.CumulativeAmount, claimed.Claimed, claimed.Claimable));
        Assert.Equal("0", (await node.Host.GetAsync<RewardClaimView>($"/v1/rewards/{AnvilDevAccounts.Key(OtherOwner).Address}")).Claimed);

        // Next epoch only the owner's first device reports: its cumulative amount grows, and the new proof claims
        // the difference.
        var next = Enumerable.Range(5, 4).Select(i => Signed(mine[0], (ulong)i)).ToList();
        Assert.Equal(4, (await node.Host.IngestAsync([.. next.Select(Convert.ToBase64String)])).Accepted);
        await EndEpochAsync(node, epoch + 1);
        Assert.Equal(epoch + 2, await deployment.Ledger.NextEpochAsync());
        Assert.Equal(MerkleTree.Build(next.Select(s => MerkleTree.LeafHash(s))).Root, (await deployment.Ledger.EpochInfoAsync(epoch + 1)).DataRoot);
        var second = await node.Host.GetAsync<RewardClaimView>($"/v1/rewards/{owner}");
        Assert.Equal(epoch + 1, second.Epoch);
        Assert.Equal(Amount(claim.CumulativeAmount) + Ovpp.FromTokens(1000), Amount(second.CumulativeAmount));
        Assert.Equal((claim.CumulativeAmount, Ovpp.FromTokens(1000).ToString(CultureInfo.InvariantCulture)), (second.Claimed, second.Claimable));

        await ClaimAsync(deployment, second);
        Assert.Equal(Amount(second.CumulativeAmount), await deployment.Token.BalanceOfAsync(owner));
        await node.Indexer.PollAsync();
        Assert.Equal("0", (await node.Host.GetAsync<RewardClaimView>($"/v1/rewards/{owner}")).Claimable);
        Assert.Equal([epoch, epoch + 1], await deployment.CommittedEpochsAsync(chain.Rpc));
        AssertNoChainErrors();
    }

    [Fact]
    public async Task A_node_stopped_mid_epoch_commits_every_reading_of_the_epoch_exactly_once()
    {
        var epoch = CurrentEpoch;
        var deployment = await chain.DeployAsync(epoch);
        var node = await StartAsync(deployment);
        var keys = new[] { Key(), Key() };
        await chain.RegisterAsync(deployment, Owner, keys);
        await node.Indexer.PollAsync();

        var before = keys.SelectMany(k => Enumerable.Range(1, 3).Select(i => Signed(k, (ulong)i))).ToList();
        Assert.Equal(before.Count, (await node.Host.IngestAsync([.. before.Select(Convert.ToBase64String)])).Accepted);
        await CrashAsync(node);

        _time.Advance(TimeSpan.FromMinutes(20));
        Assert.Equal(epoch, CurrentEpoch);
        node = await StartAsync(deployment);
        var after = keys.SelectMany(k => Enumerable.Range(4, 3).Select(i => Signed(k, (ulong)i))).ToList();
        var response = await node.Host.IngestAsync([.. after.Append(before[0]).Select(Convert.ToBase64String)]);
        Assert.Equal(after.Count, response.Accepted);
        Assert.Equal("duplicate", response.Results[^1].Reason);

        var view = await EndEpochAsync(node, epoch);
        var all = before.Concat(after).ToList();
        var root = MerkleTree.Build(all.Select(s => MerkleTree.LeafHash(s))).Root;
        Assert.Equal((all.Count, Hex(root)), (view.ReadingCount, view.Root));
        var onChain = await deployment.Ledger.EpochInfoAsync(epoch);
        Assert.Equal((Hex(root), (long)all.Count), (Hex(onChain.DataRoot), onChain.ReadingCount));

        // Stopped again mid-way through the next epoch, after the commit: the restarted oracle commits only that one.
        var late = Signed(keys[1], 7);
        Assert.Equal("accepted", (await node.Host.IngestOneAsync(late)).Status);
        await CrashAsync(node);
        _time.Advance(TimeSpan.FromMinutes(30));
        node = await StartAsync(deployment);
        await EndEpochAsync(node, epoch + 1);
        var lateOnChain = await deployment.Ledger.EpochInfoAsync(epoch + 1);
        Assert.Equal((Hex(MerkleTree.LeafHash(late)), 1L), (Hex(lateOnChain.DataRoot), lateOnChain.ReadingCount));

        Assert.Equal(epoch + 2, await deployment.Ledger.NextEpochAsync());
        Assert.Equal([epoch, epoch + 1], await deployment.CommittedEpochsAsync(chain.Rpc));
        Assert.Equal(0, await node.Oracle.RunOnceAsync());
        AssertNoChainErrors();
    }

    private long CurrentEpoch => ChainNode.Schedule.IndexAt(_time.GetUtcNow());

    private static BigInteger Amount(string baseUnits) => BigInteger.Parse(baseUnits, CultureInfo.InvariantCulture);

    [Fact]
    public async Task An_epoch_without_rewards_is_committed_and_the_claim_endpoint_says_claims_are_not_open()
    {
        var epoch = CurrentEpoch;
        var deployment = await chain.DeployAsync(epoch);
        var node = await StartAsync(deployment);

        var view = await EndEpochAsync(node, epoch);

        // Nothing was read, so nothing was issued: the ledger holds a zero data root and the token no reward root.
        Assert.Equal(0, view.ReadingCount);
        Assert.Equal(epoch + 1, await deployment.Ledger.NextEpochAsync());
        Assert.All(await deployment.Token.RewardRootAsync(), b => Assert.Equal(0, b));
        using var response = await node.Host.Client.GetAsync($"/v1/rewards/0x{new string('a', 40)}");
        Assert.Equal(System.Net.HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("Claims are not open", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    /// <summary>Moves the clock past <paramref name="epoch"/>'s end, has it sealed and committed; returns the node's view of it.</summary>
    private async Task<EpochView> EndEpochAsync(ChainNode node, long epoch)
    {
        _time.SetUtcNow(ChainNode.Schedule.EndOf(epoch).AddMinutes(5));
        await node.Sealer.SealDueAsync();
        await node.Oracle.RunOnceAsync();
        var view = await node.Host.GetAsync<EpochView>($"/v1/epochs/{epoch}");
        Assert.NotNull(view.CommitTx);
        return view;
    }

    private async Task<string> CommitTxAsync(Deployment deployment, long epoch)
    {
        var info = await deployment.Ledger.EpochInfoAsync(epoch);
        Assert.True(info.IsCommitted);
        var logs = await chain.Rpc.GetLogsAsync(new OpenVpp.Chain.Rpc.LogFilter
        {
            FromBlock = (ulong)deployment.Manifest.DeploymentBlock,
            ToBlock = await chain.Rpc.BlockNumberAsync(),
            Addresses = [deployment.Ledger.Address],
        });
        var commit = logs.Single(l => deployment.Ledger.IsEvent(l, EpochLedgerContract.EpochCommittedEvent)
            && (BigInteger)deployment.Ledger.DecodeEvent(l, EpochLedgerContract.EpochCommittedEvent)[0]! == epoch);
        return Hex(commit.TransactionHash);
    }

    private async Task ClaimAsync(Deployment deployment, RewardClaimView claim)
    {
        using var sender = chain.Sender(Owner);
        var receipt = await deployment.Token.ClaimAsync(
            sender, EthAddress.Parse(claim.Account), Amount(claim.CumulativeAmount), [.. claim.Proof.Select(FromHex)]);
        Assert.True(receipt.Succeeded);
    }

    /// <summary>No failed commit (EpochOutOfOrder or any other) and no failed indexing in any run of the node.</summary>
    private void AssertNoChainErrors()
    {
        var failures = _logs.WithEvent(104).Concat(_logs.WithEvent(102)).Select(e => $"{e.Message} {e.Exception}").ToList();
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
        var errors = _logs.Entries.Where(e => e.Level >= Microsoft.Extensions.Logging.LogLevel.Error).Select(e => $"{e.Category}: {e.Message} {e.Exception}").ToList();
        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors));
    }

    private async Task<ChainNode> StartAsync(Deployment deployment)
    {
        var node = await ChainNode.StartAsync(_dir, _time, chain, deployment.Manifest, logs: _logs);
        _nodes.Add(node);
        return node;
    }

    private async Task CrashAsync(ChainNode node)
    {
        _nodes.Remove(node);
        await node.CrashAsync();
    }

    private P256DeviceKey Key()
    {
        var key = P256DeviceKey.Create();
        _keys.Add(key);
        return key;
    }
}
