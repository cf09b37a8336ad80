using System.Text.Json;
using OpenVpp.Chain.Crypto;
using OpenVpp.Chain.Wallets;
using OpenVpp.Core.Devices;
using OpenVpp.Core.Simulation;
using OpenVpp.Gateway.Adapters.Simulated;
using OpenVpp.Gateway.Keystore;

namespace OpenVpp.IntegrationTests.ValueLayer;

/// <summary>`openvpp device register` with a keystore made by the gateway's own code, against a real anvil.</summary>
public sealed class DeviceRegisterTests(ChainFixture chain) : IClassFixture<ChainFixture>, IDisposable
{
    private readonly string _gateway = Directory.CreateTempSubdirectory("openvpp-gateway-").FullName;

    [Fact]
    public async Task Registers_every_device_in_batches_once_and_reports_them_as_already_registered_afterwards()
    {
        var devices = CreateKeystore(["NL-NH", "NL-ZH"]);
        var site = devices[0].Site;
        var inSite = devices.Count(d => d.Site == site);
        var owner = await FundedWalletAsync("owner");

        // One site first, as the demo does per owner; then the whole keystore registers only the rest.
        var first = await RegisterAsync("--site", site);
        Assert.Equal(inSite, first.GetProperty("registered").GetInt32());
        Assert.Equal(0, first.GetProperty("already_registered").GetInt32());

        var second = await RegisterAsync("--batch", "4");
        var rest = devices.Count - inSite;
        Assert.Equal(devices.Count, second.GetProperty("devices").GetInt32());
        Assert.Equal(rest, second.GetProperty("registered").GetInt32());
        Assert.Equal(inSite, second.GetProperty("already_registered").GetInt32());
        Assert.Equal(0, second.GetProperty("already_owned_by_others").GetInt32());
        var batches = second.GetProperty("batches").EnumerateArray().ToList();
        Assert.Equal((rest + 3) / 4, batches.Count);
        Assert.Equal(rest, batches.Sum(b => b.GetProperty("devices").GetInt32()));
        Assert.All(batches, b => Assert.InRange(b.GetProperty("gas_per_device").GetInt64(), 20_000, 200_000));
        Assert.Equal(batches.Sum(b => b.GetProperty("gas_used").GetInt64()), second.GetProperty("total_gas").GetInt64());

        var third = await RegisterAsync();
        Assert.Equal(0, third.GetProperty("registered").GetInt32());
        Assert.Equal(devices.Count, third.GetProperty("already_registered").GetInt32());
        Assert.Empty(third.GetProperty("batches").EnumerateArray());

        foreach (var device in devices)
        {
            var id = EthAddress.Parse(device.Id.ToString());
            Assert.True(await chain.Registry.IsRegisteredAsync(id));
            Assert.Equal(owner, await chain.Registry.OwnerOfAsync(id));
        }

        async Task<JsonElement> RegisterAsync(params string[] extra)
        {
            var (code, output, error) = await CliRunner.RunAsync(
                ["device", "register", "--gateway-data", _gateway, "--name", "owner", "--data", chain.DataDir, "--json", .. extra]);
            Assert.True(code == 0, error);
            using var json = JsonDocument.Parse(output);
            return json.RootElement.Clone();
        }
    }

    [Fact]
    public async Task Human_output_prints_each_batch_and_a_summary()
    {
        var devices = CreateKeystore(["NL-UT"]);
        await FundedWalletAsync("human");

        var (code, output, error) = await CliRunner.RunAsync(
            "device", "register", "--gateway-data", _gateway, "--name", "human", "--data", chain.DataDir, "--batch", "100");

        Assert.True(code == 0, error);
        Assert.Contains($"batch 1: {devices.Count} devices, tx 0x", output, StringComparison.Ordinal);
        Assert.Contains("per device", output, StringComparison.Ordinal);
        Assert.Contains($"registered {devices.Count}, already registered 0", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_region_too_long_for_bytes6_is_refused_before_anything_is_sent()
    {
        CreateKeystore(["NL-North"]);
        await FundedWalletAsync("regions");

        var (code, _, error) = await CliRunner.RunAsync(
            "device", "register", "--gateway-data", _gateway, "--name", "regions", "--data", chain.DataDir);

        Assert.Equal(1, code);
        Assert.Contains("NL-North", error, StringComparison.Ordinal);
        Assert.Contains("bytes6", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_site_is_refused_with_the_sites_there_are()
    {
        var devices = CreateKeystore(["NL-NH"]);
        await FundedWalletAsync("sites");

        var (code, _, error) = await CliRunner.RunAsync(
            "device", "register", "--gateway-data", _gateway, "--name", "sites", "--data", chain.DataDir, "--site", "nowhere");

        Assert.Equal(1, code);
        Assert.Contains("nowhere", error, StringComparison.Ordinal);
        Assert.Contains(devices[0].Site, error, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_gateway, recursive: true);

    /// <summary>A keystore as the gateway creates it for its simulated fleet; fresh keys every time.</summary>
    private List<(DeviceId Id, string Site)> CreateKeystore(IReadOnlyList<string> regions)
    {
        var fleet = new SimulatedFleetAdapter(new FleetOptions(
            Seed: 5, DeviceCount: 14, Origin: new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero), Interval: FleetOptions.DefaultInterval, Regions: regions));
        using var keystore = DeviceKeystore.LoadOrCreate(Path.Combine(_gateway, DeviceKeystore.FileName), fleet.Devices.Select(d => d.Descriptor));
        Assert.Equal(14, keystore.Devices.Count);
        return [.. keystore.Devices.Select(d => (d.Id, d.Descriptor.Site))];
    }

    /// <summary>A wallet in the fixture's data dir (unique per test instance) with ETH for gas.</summary>
    private async Task<EthAddress> FundedWalletAsync(string name)
    {
        var store = new WalletStore(Path.Combine(chain.DataDir, "wallets"));
        var address = store.Exists(name) ? store.Load(name).Address : store.Create(name).Address;
        await chain.Dev.SetBalanceAsync(address, System.Numerics.BigInteger.Pow(10, 20));
        return address;
    }
}
