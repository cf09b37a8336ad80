using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Numerics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using OpenVpp.Chain.Contracts;
using OpenVpp.Chain.Deployment;
using OpenVpp.Core.Accounts;
using OpenVpp.Core.Crypto;
using OpenVpp.Core.Devices;
using OpenVpp.Core.Merkle;
using OpenVpp.Core.Readings;
using OpenVpp.Core.Rewards;
using OpenVpp.Core.Wire;
using OpenVpp.Node.Api;

namespace OpenVpp.IntegrationTests.ValueLayer;

/// <summary>
/// `openvpp verify-epoch --file --rewards --manifest` against a real anvil: an epoch of readings signed with real
/// P-256 keys, the rewards document from a real <see cref="EpochRewardComputation"/>, and both roots committed by the
/// oracle (dev account 1) exactly as the node's oracle commits them. Each test settles the ledger's next epoch.
/// </summary>
public sealed class VerifyEpochChainTests(ChainFixture chain) : IClassFixture<ChainFixture>
{
    private static readonly AccountAddress Alice = AccountAddress.Parse("0x" + new string('a', 40));
    private static readonly AccountAddress Bob = AccountAddress.Parse("0x" + new string('b', 40));
    private static readonly AccountAddress Carol = AccountAddress.Parse("0x" + new string('c', 40));

    [Fact]
    public async Task Epoch_committed_as_computed_matches_everywhere_and_an_altered_amount_is_named()
    {
        var epoch = await SettleNextEpochAsync(wrongRewardRootOnChain: false);

        var (code, output, error) = await CliRunner.RunAsync(epoch.Args("--json"));

        Assert.True(code == 0, output + error);
        using (var json = JsonDocument.Parse(output))
        {
            var root = json.RootElement;
            Assert.True(root.GetProperty("match").GetBoolean());
            Assert.True(root.GetProperty("rewards_checked").GetBoolean());
            Assert.True(root.GetProperty("chain_checked").GetBoolean());
            Assert.True(root.GetProperty("committed").GetBoolean());
            Assert.False(root.GetProperty("disputed").GetBoolean());
            Assert.Equal(epoch.Document.RewardRoot, root.GetProperty("reward_root_computed").GetString());
            Assert.Equal(epoch.Document.RewardRoot, root.GetProperty("reward_root_expected").GetString());
            Assert.Equal(epoch.Document.RewardRoot, root.GetProperty("reward_root_chain").GetString());
            Assert.Equal(epoch.Document.DataRoot, root.GetProperty("data_root_chain").GetString());
            Assert.Equal(epoch.Document.DataRoot, root.GetProperty("computed_root").GetString());
            Assert.Empty(root.GetProperty("problems").EnumerateArray());
            Assert.All(root.GetProperty("checks").EnumerateArray(), c => Assert.Equal("match", c.GetProperty("result").GetString()));
        }

        (code, output, _) = await CliRunner.RunAsync(epoch.Args());

        Assert.Equal(0, code);
        foreach (var check in new[] { "data root vs export", "data root vs document", "rewards vs document", "reward root vs document", "data root vs chain", "reward root vs chain" })
        {
            Assert.Matches($@"(?m)^  {check} +MATCH ", output);
        }

        // One owner's amount altered in the document: the recomputation names it; the roots still agree.
        var owner = epoch.Document.Owners[0];
        var altered = BigInteger.Parse(owner.Amount, CultureInfo.InvariantCulture) + 1;
        var tampered = JsonNode.Parse(File.ReadAllText(epoch.RewardsPath))!;
        tampered["owners"]![0]!["amount"] = altered.ToString(CultureInfo.InvariantCulture);
        File.WriteAllText(epoch.RewardsPath, tampered.ToJsonString());

        (code, output, _) = await CliRunner.RunAsync(epoch.Args());

        Assert.Equal(1, code);
        Assert.StartsWith($"epoch {epoch.Index}: MISMATCH", output, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^  rewards vs document +MISMATCH ", output);
        Assert.Matches(@"(?m)^  reward root vs chain +MATCH ", output);
        Assert.Contains($"owner {owner.Account}: amount {altered} in the document, {owner.Amount} recomputed", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reward_root_on_chain_that_differs_from_the_recomputed_one_is_a_mismatch()
    {
        var epoch = await SettleNextEpochAsync(wrongRewardRootOnChain: true);

        var (code, output, _) = await CliRunner.RunAsync(epoch.Args());

        Assert.Equal(1, code);
        Assert.Matches(@"(?m)^  reward root vs document +MATCH ", output);
        Assert.Matches(@"(?m)^  data root vs chain +MATCH ", output);
        Assert.Matches(@"(?m)^  reward root vs chain +MISMATCH +recomputed " + epoch.Document.RewardRoot, output);
        Assert.Contains("reward root vs chain: recomputed", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Epoch_not_committed_on_chain_cannot_be_checked_there_and_no_chain_is_no_failure()
    {
        var index = await chain.Ledger.NextEpochAsync();
        var epoch = BuildEpoch(index, Path.Combine(chain.DataDir, $"uncommitted-{index}"));

        var (code, output, _) = await CliRunner.RunAsync(epoch.Args("--json"));

        Assert.Equal(2, code);
        using (var json = JsonDocument.Parse(output))
        {
            Assert.False(json.RootElement.GetProperty("match").GetBoolean());
            Assert.False(json.RootElement.GetProperty("committed").GetBoolean());
            Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("reward_root_chain").ValueKind);
        }

        // Without a chain (and without a rewards document) the rest still verifies.
        (code, output, _) = await CliRunner.RunAsync("verify-epoch", "--file", epoch.ExportPath);

        Assert.Equal(0, code);
        Assert.Contains("rewards not checked", output, StringComparison.Ordinal);
        Assert.Contains("chain not checked", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_a_node_signatures_are_checked_and_a_node_without_rewards_leaves_rewards_unchecked()
    {
        var epoch = await SettleNextEpochAsync(wrongRewardRootOnChain: false);
        string[] args = ["verify-epoch", "--epoch", epoch.Index.ToString(CultureInfo.InvariantCulture), "--manifest", epoch.ManifestPath];

        using (var node = FakeNode.Start(epoch, withRewards: true))
        {
            var (code, output, error) = await CliRunner.RunAsync([.. args, "--node", node.Url]);

            Assert.True(code == 0, output + error);
            Assert.Contains("12 of 12 signatures valid", output, StringComparison.Ordinal);
            Assert.Matches(@"(?m)^  data root vs node +MATCH ", output);
            Assert.Matches(@"(?m)^  reward root vs chain +MATCH ", output);
        }

        using (var node = FakeNode.Start(epoch, withRewards: false))
        {
            var (code, output, error) = await CliRunner.RunAsync([.. args, "--node", node.Url, "--json"]);

            Assert.True(code == 0, output + error);
            using var json = JsonDocument.Parse(output);
            Assert.False(json.RootElement.GetProperty("rewards_checked").GetBoolean());
            Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("reward_root_computed").ValueKind);
            Assert.Equal(epoch.Document.DataRoot, json.RootElement.GetProperty("data_root_chain").GetString());
            Assert.Contains("rewards not checked: the node has no rewards document", output, StringComparison.Ordinal);
        }
    }

    /// <summary>Builds the ledger's next epoch and commits it as the oracle does, or with a wrong reward root.</summary>
    private async Task<SettledEpoch> SettleNextEpochAsync(bool wrongRewardRootOnChain)
    {
        var index = await chain.Ledger.NextEpochAsync();
        var epoch = BuildEpoch(index, Path.Combine(chain.DataDir, $"epoch-{index}"));
        var document = epoch.Document;
        var rewardRoot = Convert.FromHexString(document.RewardRoot.AsSpan(2));
        if (wrongRewardRootOnChain)
        {
            rewardRoot = RewardTree.Build(EpochRewardsDocuments.CumulativeAfter(document with
            {
                Cumulative = [.. document.Cumulative.Select(b => b with { Amount = (BigInteger.Parse(b.Amount, CultureInfo.InvariantCulture) + 1).ToString(CultureInfo.InvariantCulture) })],
            })).Root;
        }

        using var oracle = chain.Sender(ChainFixture.OracleKey);
        await chain.Ledger.CommitEpochAsync(oracle, new EpochCommitment(
            index,
            Convert.FromHexString(document.DataRoot.AsSpan(2)),
            rewardRoot,
            document.Contributions.Sum(c => c.ProducedWh),
            BigInteger.Parse(document.Issued, CultureInfo.InvariantCulture),
            document.ReadingCount,
            document.Contributions.Count));
        return epoch;
    }

    /// <summary>
    /// Four 15-minute readings each from a solar inverter (Alice), a battery (Alice) and a grid meter (Bob), signed
    /// with fresh P-256 keys; the rewards document as the oracle writes it, starting from a balance of Carol's.
    /// </summary>
    private SettledEpoch BuildEpoch(long index, string dir)
    {
        Directory.CreateDirectory(dir);
        using var solar = P256DeviceKey.Create();
        using var battery = P256DeviceKey.Create();
        using var meter = P256DeviceKey.Create();
        var devices = new Dictionary<DeviceId, DeviceRewardProfile>
        {
            [solar.Id] = new(solar.Id, Alice, DeviceKind.SolarInverter, 0),
            [battery.Id] = new(battery.Id, Alice, DeviceKind.Battery, 10_000),
            [meter.Id] = new(meter.Id, Bob, DeviceKind.GridMeter, 0),
        };
        var start = new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero).AddHours(index);
        var signed = new List<byte[]>();
        foreach (var (key, imported, exported) in new[] { (solar, 2L, 350L), (battery, 120L, 80L), (meter, 40L, 210L) })
        {
            for (var i = 0; i < 4; i++)
            {
                var soc = key == battery ? (ushort?)5_000 : null;
                var reading = new Reading(
                    key.Id, (ulong)((index * 4) + i + 1), start.AddMinutes(15 * i), start.AddMinutes(15 * (i + 1)),
                    imported + i, exported + (7 * i), 500, 900, soc, soc is null ? null : (ushort)9_800, ReadingStatus.None);
                var canonical = ReadingCodec.Encode(reading);
                signed.Add(SignedReading.Combine(canonical, key.Sign(canonical)));
            }
        }

        var registered = new[] { solar, battery, meter }.Select(k => new DeviceView(
            k.Id.ToString(), HexBytes.ToHex(k.PublicKey), devices[k.Id].Owner.ToString(), devices[k.Id].Kind.ToWire(), 5_000,
            devices[k.Id].CapacityWh, "test", "site", start)).ToList();
        var readings = signed.Select(s => ReadingCodec.TryDecode(SignedReading.Canonical(s), out _)!).ToList();
        var dataRoot = MerkleTree.Build(signed.Select(s => MerkleTree.LeafHash(s))).Root;
        var previous = index == 0
            ? CumulativeRewards.Empty
            : CumulativeRewards.FromAmounts([new(Carol, Ovpp.FromTokens(5)), new(Alice, Ovpp.FromTokens(2))], index - 1);
        var inputs = new EpochRewardInputs(index, readings, new HashSet<DeviceId>(), devices, previous, new RewardParameters { GenesisEpoch = chain.Manifest.FirstEpoch });
        var document = EpochRewardsDocuments.Create(inputs, readings, dataRoot, EpochRewardComputation.Compute(inputs));

        var view = new EpochView(index, start, start.AddHours(1), signed.Count, HexBytes.ToHex(dataRoot), start.AddHours(1));
        var exportPath = Path.Combine(dir, "readings.json");
        File.WriteAllText(exportPath, JsonSerializer.Serialize(new EpochExport(view, [.. signed.Select(s => HexBytes.ToHex(s))]), NodeJsonContext.Default.EpochExport));
        var rewardsPath = Path.Combine(dir, "rewards.json");
        File.WriteAllText(rewardsPath, JsonSerializer.Serialize(document, WireJsonContext.Default.EpochRewardsDocument));
        return new SettledEpoch(index, document, exportPath, rewardsPath, Path.Combine(chain.DataDir, DeploymentManifest.FileName), registered);
    }

    private sealed record SettledEpoch(
        long Index, EpochRewardsDocument Document, string ExportPath, string RewardsPath, string ManifestPath, IReadOnlyList<DeviceView> Devices)
    {
        public string[] Args(params string[] more) =>
            ["verify-epoch", "--file", ExportPath, "--rewards", RewardsPath, "--manifest", ManifestPath, .. more];
    }

    /// <summary>
    /// Just enough of a node's API for verify-epoch: the epoch, its export, the registry, and the rewards document
    /// (or a 404, as from a node without an oracle).
    /// </summary>
    private sealed class FakeNode : IDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly Dictionary<string, string> _routes;

        private FakeNode(string url, Dictionary<string, string> routes)
        {
            Url = url;
            _routes = routes;
            _listener.Prefixes.Add(url);
            _listener.Start();
            _ = Task.Run(ServeAsync);
        }

        public string Url { get; }

        public static FakeNode Start(SettledEpoch epoch, bool withRewards)
        {
            var export = File.ReadAllText(epoch.ExportPath);
            var view = JsonSerializer.Deserialize(export, NodeJsonContext.Default.EpochExport)!.Epoch;
            var routes = new Dictionary<string, string>
            {
                [$"/v1/epochs/{epoch.Index}/readings"] = export,
                [$"/v1/epochs/{epoch.Index}"] = JsonSerializer.Serialize(view, NodeJsonContext.Default.EpochView),
                ["/v1/devices"] = JsonSerializer.Serialize(new DevicePage(epoch.Devices, 0, 500, null), NodeJsonContext.Default.DevicePage),
            };
            if (withRewards)
            {
                routes[$"/v1/epochs/{epoch.Index}/rewards"] = File.ReadAllText(epoch.RewardsPath);
            }

            using var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            return new FakeNode($"http://127.0.0.1:{port}/", routes);
        }

        public void Dispose() => _listener.Close();

        private async Task ServeAsync()
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync();
                }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
                {
                    return;
                }

                using var response = context.Response;
                if (_routes.TryGetValue(context.Request.Url!.AbsolutePath, out var body))
                {
                    response.ContentType = "application/json";
                    var bytes = Encoding.UTF8.GetBytes(body);
                    await response.OutputStream.WriteAsync(bytes);
                }
                else
                {
                    response.StatusCode = 404;
                }
            }
        }
    }
}
