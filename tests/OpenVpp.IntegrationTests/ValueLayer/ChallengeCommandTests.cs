using System.Text.Json;
using OpenVpp.Chain.Contracts;
using OpenVpp.Chain.Hosting;
using OpenVpp.Chain.Wallets;
using OpenVpp.Core.Crypto;
using OpenVpp.Core.Merkle;
using OpenVpp.Core.Readings;
using OpenVpp.Core.Wire;
using OpenVpp.Node.Api;

namespace OpenVpp.IntegrationTests.ValueLayer;

/// <summary>`openvpp challenge` against a real anvil: an honest epoch is left alone, a forged reading disputes it.</summary>
public sealed class ChallengeCommandTests(ChainFixture chain) : IClassFixture<ChainFixture>, IDisposable
{
    private const string Challenger = "challenger";
    private readonly P256DeviceKey _device = P256DeviceKey.Create();
    private readonly P256DeviceKey _impostor = P256DeviceKey.Create();

    [Fact]
    public async Task An_honest_epoch_is_left_alone_and_a_forged_reading_disputes_it()
    {
        await RegisterAsync();
        var honest = Readings(_device, 1, 3);
        var honestEpoch = await CommitAsync(honest);
        var honestExport = WriteExport(honestEpoch, honest);

        var (code, output, error) = await Run("--file", honestExport, "--json");
        Assert.True(code == 0, error);
        using (var json = JsonDocument.Parse(output))
        {
            Assert.False(json.RootElement.GetProperty("disputed").GetBoolean());
            Assert.Contains("nothing to challenge", json.RootElement.GetProperty("message").GetString(), StringComparison.Ordinal);
        }

        Assert.False((await chain.Ledger.EpochInfoAsync(honestEpoch)).Disputed);

        // The device's key signs reading 5, but its energy is changed afterwards: the signature no longer verifies.
        var forged = Readings(_device, 4, 2);
        forged[1][60] ^= 0x01;
        var forgedEpoch = await CommitAsync(forged);
        var forgedExport = WriteExport(forgedEpoch, forged);

        (code, output, error) = await Run("--file", forgedExport, "--json");
        Assert.True(code == 0, error);
        using (var json = JsonDocument.Parse(output))
        {
            Assert.True(json.RootElement.GetProperty("disputed").GetBoolean());
            Assert.Equal(5UL, json.RootElement.GetProperty("sequence").GetUInt64());
            Assert.Contains("signature", json.RootElement.GetProperty("reason").GetString(), StringComparison.Ordinal);
        }

        Assert.True((await chain.Ledger.EpochInfoAsync(forgedEpoch)).Disputed);
    }

    [Fact]
    public async Task A_reading_of_an_unregistered_device_disputes_the_epoch()
    {
        await RegisterAsync();
        var readings = Readings(_device, 10, 1).Concat(Readings(_impostor, 1, 1)).ToList();
        var epoch = await CommitAsync(readings);

        var (code, output, error) = await Run("--file", WriteExport(epoch, readings));

        Assert.True(code == 0, error);
        Assert.Contains("device not in the on-chain registry", output, StringComparison.Ordinal);
        Assert.True((await chain.Ledger.EpochInfoAsync(epoch)).Disputed);
    }

    [Fact]
    public async Task An_export_that_is_not_the_committed_root_is_refused()
    {
        await RegisterAsync();
        var readings = Readings(_device, 20, 2);
        var epoch = await CommitAsync(readings);

        var (code, _, error) = await Run("--file", WriteExport(epoch, readings.Take(1).ToList()));

        Assert.Equal(1, code);
        Assert.Contains("a challenge needs the readings of the committed root", error, StringComparison.Ordinal);
        Assert.False((await chain.Ledger.EpochInfoAsync(epoch)).Disputed);
    }

    public void Dispose()
    {
        _device.Dispose();
        _impostor.Dispose();
    }

    private Task<(int ExitCode, string Output, string Error)> Run(params string[] args)
    {
        var wallets = new WalletStore(Path.Combine(chain.DataDir, "wallets"));
        if (!wallets.Exists(Challenger))
        {
            wallets.Import(Challenger, AnvilDevAccounts.PrivateKey(4));
        }

        return CliRunner.RunAsync(["challenge", "--data", chain.DataDir, "--name", Challenger, .. args]);
    }

    private async Task RegisterAsync()
    {
        using var owner = chain.Sender(AnvilDevAccounts.Key(2));
        if (!await chain.Registry.IsRegisteredAsync(new OpenVpp.Chain.Crypto.EthAddress(_device.Id.Bytes)))
        {
            await chain.Registry.RegisterDevicesAsync(owner, [new OnChainDevice(_device.PublicKey, owner.Address, 5_000, 0, "NL-NH", Core.Devices.DeviceKind.SolarInverter)]);
        }
    }

    private async Task<long> CommitAsync(List<byte[]> signed)
    {
        var epoch = await chain.Ledger.NextEpochAsync();
        var root = MerkleTree.Build(signed.Select(s => MerkleTree.LeafHash(s))).Root;
        using var oracle = chain.Sender(ChainFixture.OracleKey);
        await chain.Ledger.CommitEpochAsync(oracle, new EpochCommitment(epoch, root, new byte[32], 0, 0, signed.Count, 1));
        return epoch;
    }

    private static List<byte[]> Readings(P256DeviceKey key, int firstSequence, int count)
    {
        var start = new DateTimeOffset(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);
        var list = new List<byte[]>();
        for (var i = 0; i < count; i++)
        {
            var sequence = firstSequence + i;
            var reading = new Reading(key.Id, (ulong)sequence, start.AddMinutes(15 * sequence), start.AddMinutes(15 * (sequence + 1)),
                0, 300, 1_200, 1_500, null, null, ReadingStatus.None);
            var canonical = ReadingCodec.Encode(reading);
            list.Add(SignedReading.Combine(canonical, key.Sign(canonical)));
        }

        return list;
    }

    private string WriteExport(long epoch, List<byte[]> signed)
    {
        var root = MerkleTree.Build(signed.Select(s => MerkleTree.LeafHash(s))).Root;
        var start = DateTimeOffset.UnixEpoch.AddHours(epoch);
        var export = new EpochExport(
            new EpochView(epoch, start, start.AddHours(1), signed.Count, HexBytes.ToHex(root), start.AddHours(1)),
            [.. signed.Select(s => HexBytes.ToHex(s))]);
        var path = Path.Combine(chain.DataDir, $"challenge-{epoch}-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, JsonSerializer.Serialize(export, NodeJsonContext.Default.EpochExport));
        return path;
    }
}
