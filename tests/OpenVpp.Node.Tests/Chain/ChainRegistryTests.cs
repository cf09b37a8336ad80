using System.Net;
using Microsoft.Extensions.Time.Testing;
using OpenVpp.Chain.Hosting;
using OpenVpp.Core.Crypto;
using OpenVpp.Node.Api;
using OpenVpp.Storage.Chain;
using static OpenVpp.Node.Tests.Chain.ChainTestData;
using static OpenVpp.Node.Tests.TestData;

namespace OpenVpp.Node.Tests.Chain;

/// <summary>The node's device registry follows DeviceRegistry on a real anvil: ingest, restarts, reorgs, confirmations.</summary>
[Collection(SharedAnvil.Name)]
public sealed class ChainRegistryTests(AnvilFixture chain) : IAsyncLifetime
{
    private const int Owner = 2;
    private const int OtherOwner = 3;

    private readonly string _dir = TempDir();
    private readonly FakeTimeProvider _time = new(Now.AddMinutes(5));
    private readonly List<P256DeviceKey> _keys = [];
    private readonly List<ChainNode> _nodes = [];

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
    public async Task Ingest_accepts_a_device_once_its_owner_registered_it_on_chain_and_refuses_it_once_deactivated()
    {
        var deployment = await chain.DeployAsync(CurrentEpoch);
        var node = await StartAsync(deployment);
        var key = Key();
        var first = Signed(key, 1);

        var before = await node.Host.IngestOneAsync(first);
        Assert.Equal(("rejected", "unknown_device"), (before.Status, before.Reason));
        Assert.Equal("not_on_chain", (await node.Host.RegisterAsync(Registration(key))).Results.Single().Status);

        await chain.RegisterAsync(deployment, Owner, key);
        // The node's own background indexer (100 ms poll) picks the registration up.
        await ChainNode.EventuallyAsync(async () => await StatusAsync(node, $"/v1/devices/{key.Id}") == HttpStatusCode.OK,
            "the background indexer has applied the registration");

        var after = await node.Host.IngestOneAsync(first);
        Assert.Equal("accepted", after.Status);
        var device = await node.Host.GetAsync<DeviceView>($"/v1/devices/{key.Id}");
        Assert.Equal(OwnerAddress(Owner), device.Owner);
        Assert.Equal(("battery", 5_000L, 10_000L, Region), (device.Kind, device.NameplatePowerW, device.CapacityWh, device.Region));
        Assert.Equal("already_registered", (await node.Host.RegisterAsync(Registration(key))).Results.Single().Status);

        await chain.DeactivateAsync(deployment, Owner, key);
        await node.Indexer.PollAsync();

        var deactivated = await node.Host.IngestOneAsync(Signed(key, 2));
        Assert.Equal(("rejected", "unknown_device"), (deactivated.Status, deactivated.Reason));
        Assert.Contains("deactivated", deactivated.Detail, StringComparison.Ordinal);
        Assert.Equal([1UL], (await node.Host.GetAsync<ReadingList>(ReadingsPath(key))).Items.Select(r => r.Sequence));
    }

    [Fact]
    public async Task After_a_restart_the_indexer_resumes_from_its_last_block_and_keeps_what_it_had()
    {
        var deployment = await chain.DeployAsync(CurrentEpoch);
        var node = await StartAsync(deployment);
        var early = new[] { Key(), Key(), Key() };
        await chain.RegisterAsync(deployment, Owner, early);
        await chain.DeactivateAsync(deployment, Owner, early[2]);
        await node.Indexer.PollAsync();
        var headBeforeStop = Assert.IsType<long>(node.Indexer.HeadBlock);
        Assert.Equal(3, (await ListDevicesAsync(node)).Count);
        var registeredAt = (await node.Host.GetAsync<DeviceView>($"/v1/devices/{early[0].Id}")).RegisteredAt;
        Assert.Equal("accepted", (await node.Host.IngestOneAsync(Signed(early[0], 1))).Status);
        await StopAsync(node);

        // While the node is down: two more devices by another owner, and time passes (a rebuild would show in
        // registered_at, which the indexer takes from the node's clock).
        var late = new[] { Key(), Key() };
        var lateBlock = await chain.RegisterAsync(deployment, OtherOwner, late);
        _time.Advance(TimeSpan.FromMinutes(10));

        var restarted = await StartAsync(deployment);
        await restarted.Indexer.PollAsync();

        var devices = await ListDevicesAsync(restarted);
        Assert.Equal(5, devices.Count);
        Assert.Equal(5, devices.Select(d => d.DeviceId).Distinct().Count());
        Assert.Equal(
            early.Select(_ => OwnerAddress(Owner)).Concat(late.Select(_ => OwnerAddress(OtherOwner))).Order(),
            [.. devices.Select(d => d.Owner).Order()]);
        Assert.Equal(registeredAt, (await restarted.Host.GetAsync<DeviceView>($"/v1/devices/{early[0].Id}")).RegisteredAt);

        // Resumed after the block it had applied: one range from there, never from the deployment block, no rebuild.
        var indexed = restarted.Logs.WithEvent(100);
        Assert.NotEmpty(indexed);
        Assert.All(indexed, e => Assert.True((long)e.Values["From"]! > headBeforeStop, e.Message));
        Assert.Equal(headBeforeStop + 1, (long)indexed[0].Values["From"]!);
        Assert.Empty(restarted.Logs.WithEvent(101));
        var head = (await restarted.Service<IChainIndexStore>().GetRecentBlocksAsync(1)).Single();
        Assert.True(head.Number >= lateBlock && head.Number > headBeforeStop, $"chain_blocks head {head.Number}");

        // What was known before the stop still holds: the deactivation, and the stored reading.
        Assert.Equal("unknown_device", (await restarted.Host.IngestOneAsync(Signed(early[2], 1))).Reason);
        Assert.Equal("duplicate", (await restarted.Host.IngestOneAsync(Signed(early[0], 1))).Reason);
        Assert.Equal("accepted", (await restarted.Host.IngestOneAsync(Signed(early[0], 2))).Status);
        Assert.Equal("accepted", (await restarted.Host.IngestOneAsync(Signed(late[0], 1))).Status);
    }

    [Fact]
    public async Task A_reorg_past_the_indexed_head_is_detected_and_the_index_rebuilt_from_the_new_chain()
    {
        var deployment = await chain.DeployAsync(CurrentEpoch);
        // Polls only when the test says so (after the one at start).
        var node = await StartAsync(deployment, pollInterval: TimeSpan.FromHours(1));
        var a = Key();
        var b = Key();
        var snapshot = await chain.Dev.SnapshotAsync();

        await chain.RegisterAsync(deployment, Owner, a);
        await node.Indexer.PollAsync();
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(node, $"/v1/devices/{a.Id}"));
        Assert.Equal("accepted", (await node.Host.IngestOneAsync(Signed(a, 1))).Status);

        Assert.True(await chain.Dev.RevertAsync(snapshot));
        await chain.RegisterAsync(deployment, OtherOwner, b);
        await chain.Dev.MineAsync(2);
        await node.Indexer.PollAsync();

        Assert.Single(node.Logs.WithEvent(101));
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(node, $"/v1/devices/{a.Id}"));
        Assert.Equal([b.Id.ToString()], (await ListDevicesAsync(node)).Select(d => d.DeviceId));
        Assert.Equal(OwnerAddress(OtherOwner), (await node.Host.GetAsync<DeviceView>($"/v1/devices/{b.Id}")).Owner);
        Assert.Equal("unknown_device", (await node.Host.IngestOneAsync(Signed(a, 2))).Reason);
        Assert.Equal("accepted", (await node.Host.IngestOneAsync(Signed(b, 1))).Status);
        Assert.Equal((long)await chain.Rpc.BlockNumberAsync(), node.Indexer.HeadBlock);
    }

    [Fact]
    public async Task An_event_is_applied_only_once_it_is_buried_under_the_confirmation_depth()
    {
        var deployment = await chain.DeployAsync(CurrentEpoch);
        var node = await StartAsync(deployment, confirmationDepth: 3, pollInterval: TimeSpan.FromHours(1));
        var key = Key();
        var block = await chain.RegisterAsync(deployment, Owner, key);

        await node.Indexer.PollAsync();
        Assert.Equal(block - 3, node.Indexer.HeadBlock);
        Assert.Equal("unknown_device", (await node.Host.IngestOneAsync(Signed(key, 1))).Reason);

        await chain.Dev.MineAsync(2);
        await node.Indexer.PollAsync();
        Assert.Equal(block - 1, node.Indexer.HeadBlock);
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(node, $"/v1/devices/{key.Id}"));

        await chain.Dev.MineAsync();
        await node.Indexer.PollAsync();
        Assert.Equal(block, node.Indexer.HeadBlock);
        Assert.Equal(OwnerAddress(Owner), (await node.Host.GetAsync<DeviceView>($"/v1/devices/{key.Id}")).Owner);
        Assert.Equal("accepted", (await node.Host.IngestOneAsync(Signed(key, 1))).Status);
    }

    private long CurrentEpoch => ChainNode.Schedule.IndexAt(_time.GetUtcNow());

    private static string OwnerAddress(int account) => AnvilDevAccounts.Key(account).Address.ToString();

    private static string ReadingsPath(P256DeviceKey key) => $"/v1/devices/{key.Id}/readings?from=2026-03-01T00:00:00Z&to=2026-03-02T00:00:00Z";

    private static async Task<HttpStatusCode> StatusAsync(ChainNode node, string path)
    {
        using var response = await node.Host.Client.GetAsync(new Uri(path, UriKind.Relative));
        return response.StatusCode;
    }

    private static async Task<IReadOnlyList<DeviceView>> ListDevicesAsync(ChainNode node) =>
        (await node.Host.GetAsync<DevicePage>("/v1/devices?limit=100")).Items;

    [Fact]
    public async Task A_device_token_transferred_on_chain_changes_the_owner_rewards_go_to()
    {
        var deployment = await chain.DeployAsync(CurrentEpoch);
        var node = await StartAsync(deployment);
        var key = Key();
        await chain.RegisterAsync(deployment, Owner, key);
        await node.Indexer.PollAsync();

        using var owner = chain.Sender(Owner);
        using var buyer = chain.Sender(OtherOwner);
        var tokenId = new System.Numerics.BigInteger(key.Id.Bytes, isUnsigned: true, isBigEndian: true);
        await owner.SendAndWaitAsync(deployment.Registry.Address,
            deployment.Registry.Encode("transferFrom", owner.Address.ToArray(), buyer.Address.ToArray(), tokenId));
        await node.Indexer.PollAsync();

        var device = await node.Host.GetAsync<DeviceView>($"/v1/devices/{key.Id}");
        Assert.Equal(buyer.Address.ToString(), device.Owner, ignoreCase: true);
    }

    [Fact]
    public async Task A_node_store_refuses_a_manifest_of_another_deployment()
    {
        var first = await chain.DeployAsync(CurrentEpoch);
        var node = await StartAsync(first);
        await node.DisposeAsync();
        _nodes.Remove(node);

        // Its index, commits and reward balances belong to the first deployment's contracts.
        var second = await chain.DeployAsync(CurrentEpoch);
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => StartAsync(second));
        Assert.Contains("another deployment", refused.Message, StringComparison.Ordinal);

        // Its own deployment still works: a device registered there becomes known.
        var again = await StartAsync(first);
        var key = Key();
        await chain.RegisterAsync(first, Owner, key);
        await again.Indexer.PollAsync();
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(again, $"/v1/devices/{key.Id}"));
    }

    private async Task<ChainNode> StartAsync(Deployment deployment, int confirmationDepth = 0, TimeSpan? pollInterval = null)
    {
        var node = await ChainNode.StartAsync(_dir, _time, chain, deployment.Manifest, confirmationDepth, pollInterval);
        _nodes.Add(node);
        return node;
    }

    private async Task StopAsync(ChainNode node)
    {
        _nodes.Remove(node);
        await node.DisposeAsync();
    }

    private P256DeviceKey Key()
    {
        var key = P256DeviceKey.Create();
        _keys.Add(key);
        return key;
    }
}
