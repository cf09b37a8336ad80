using Microsoft.Extensions.Time.Testing;
using OpenVpp.Core.Crypto;
using OpenVpp.Core.Epochs;
using OpenVpp.Core.Merkle;
using OpenVpp.Node.Api;
using static OpenVpp.Node.Tests.TestData;

namespace OpenVpp.Node.Tests;

public sealed class EpochTests : IAsyncLifetime
{
    private static readonly EpochSchedule Schedule = new(NodeOptions.DefaultGenesis, TimeSpan.FromHours(1));
    private readonly string _dir = TempDir();
    private readonly FakeTimeProvider _time = new(Now.AddMinutes(5));
    private readonly P256DeviceKey _key = P256DeviceKey.Create();
    private NodeHost _node = null!;

    private long CurrentEpoch => Schedule.IndexAt(_time.GetUtcNow());

    public async Task InitializeAsync()
    {
        _node = await NodeHost.StartAsync(_dir, _time);
        await _node.RegisterAsync(Registration(_key));
    }

    public async Task DisposeAsync()
    {
        await _node.DisposeAsync();
        _key.Dispose();
        DeleteDir(_dir);
    }

    [Fact]
    public async Task Seals_an_epoch_with_the_merkle_root_of_its_readings_and_serves_proofs()
    {
        var epoch = CurrentEpoch;
        var signed = Enumerable.Range(1, 5).Select(i => SignBytes(_key, Reading(_key, (ulong)i, Now.AddHours(-2).AddMinutes(15 * i)))).ToArray();
        Assert.Equal(5, (await _node.IngestAsync([.. signed.Select(Convert.ToBase64String)])).Accepted);

        await AssertNotFoundAsync($"/v1/readings/{_key.Id}/1/proof");
        _time.Advance(TimeSpan.FromHours(1));
        var sealedEpoch = await _node.WaitForAsync<EpochView>($"/v1/epochs/{epoch}");

        var expected = MerkleTree.Build(signed.Select(s => MerkleTree.LeafHash(s)));
        Assert.Equal(5, sealedEpoch.ReadingCount);
        Assert.Equal(Hex(expected.Root), sealedEpoch.Root);
        Assert.Equal(Schedule.StartOf(epoch), sealedEpoch.Start);

        for (var i = 1; i <= 5; i++)
        {
            var proof = await _node.GetAsync<ReadingProof>($"/v1/readings/{_key.Id}/{i}/proof");
            Assert.Equal(epoch, proof.Epoch);
            Assert.Equal(Hex(MerkleTree.LeafHash(signed[i - 1])), proof.Leaf);
            Assert.True(MerkleTree.Verify(proof.Proof.Select(FromHex), FromHex(proof.Root), FromHex(proof.Leaf)));
        }

        var export = await _node.GetAsync<EpochExport>($"/v1/epochs/{epoch}/readings");
        Assert.Equal(signed.Select(Hex), export.Readings);
        Assert.Equal(sealedEpoch.Root, Hex(MerkleTree.Build(export.Readings.Select(r => MerkleTree.LeafHash(FromHex(r)))).Root));
    }

    [Fact]
    public async Task A_late_reading_goes_into_the_epoch_in_which_it_was_accepted()
    {
        var first = CurrentEpoch;
        _time.Advance(TimeSpan.FromHours(1));
        await _node.WaitForAsync<EpochView>($"/v1/epochs/{first}");

        // Measured during the sealed epoch, but accepted now.
        var response = await _node.IngestAsync(Sign(_key, Reading(_key, 1, Now.AddMinutes(-15))));
        Assert.Equal(1, response.Accepted);
        var reading = (await _node.GetAsync<ReadingList>($"/v1/devices/{_key.Id}/readings?from=2026-03-01T00:00:00Z&to=2026-03-02T00:00:00Z")).Items.Single();
        Assert.Equal(first + 1, reading.Epoch);

        _time.Advance(TimeSpan.FromHours(1));
        var second = await _node.WaitForAsync<EpochView>($"/v1/epochs/{first + 1}");
        Assert.Equal(1, second.ReadingCount);
        Assert.Equal(0, (await _node.GetAsync<EpochView>($"/v1/epochs/{first}")).ReadingCount);
    }

    [Fact]
    public async Task An_empty_epoch_has_a_zero_root_and_missed_epochs_are_sealed_after_a_restart()
    {
        var first = CurrentEpoch;
        await _node.DisposeAsync();
        _time.Advance(TimeSpan.FromHours(3));
        _node = await NodeHost.StartAsync(_dir, _time);

        var last = await _node.WaitForAsync<EpochView>($"/v1/epochs/{first + 2}");
        Assert.Equal(Hex(new byte[32]), last.Root);
        var page = await _node.GetAsync<EpochPage>("/v1/epochs?limit=10");
        Assert.Equal([first + 2, first + 1, first], page.Items.Select(e => e.Index));
        Assert.All(page.Items, e => Assert.Equal(0, e.ReadingCount));
        await AssertNotFoundAsync($"/v1/epochs/{first + 3}");
    }

    private async Task AssertNotFoundAsync(string path)
    {
        using var response = await _node.Client.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private static string Hex(byte[] bytes) => "0x" + Convert.ToHexStringLower(bytes);

    private static byte[] FromHex(string hex) => Convert.FromHexString(hex.AsSpan(2));
}
