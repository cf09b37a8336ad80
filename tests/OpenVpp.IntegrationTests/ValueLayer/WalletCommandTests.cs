using System.Numerics;
using System.Text.Json;
using OpenVpp.Chain.Crypto;
using OpenVpp.Chain.Wallets;

namespace OpenVpp.IntegrationTests.ValueLayer;

/// <summary>`openvpp wallet` against a real anvil with the value layer deployed.</summary>
public sealed class WalletCommandTests(ChainFixture chain) : IClassFixture<ChainFixture>
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    [Fact]
    public async Task Wallet_new_creates_an_owner_only_file_and_refuses_a_duplicate_name()
    {
        var name = UniqueName("new");

        var (code, output, _) = await CliRunner.RunAsync("wallet", "new", "--name", name, "--data", chain.DataDir, "--json");

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output);
        var file = json.RootElement.GetProperty("file").GetString()!;
        Assert.Equal(Path.Combine(chain.DataDir, "wallets", name + ".json"), file);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(OwnerOnly, File.GetUnixFileMode(file));
        }

        var address = json.RootElement.GetProperty("address").GetString()!;
        Assert.Equal(new WalletStore(Path.Combine(chain.DataDir, "wallets")).Load(name).Address, EthAddress.Parse(address));
        Assert.DoesNotContain("private", output, StringComparison.OrdinalIgnoreCase);

        var before = File.ReadAllText(file);
        var (again, _, error) = await CliRunner.RunAsync("wallet", "new", "--name", name, "--data", chain.DataDir);

        Assert.Equal(1, again);
        Assert.Contains("already exists", error, StringComparison.Ordinal);
        Assert.Single(error.Trim().Split('\n'));
        Assert.Equal(before, File.ReadAllText(file));
    }

    [Fact]
    public async Task Wallet_list_shows_names_with_addresses()
    {
        var wallets = Directory.CreateTempSubdirectory("openvpp-wallets-").FullName;
        try
        {
            var store = new WalletStore(wallets);
            var alice = store.Create("alice").Address;
            var bob = store.Create("bob").Address;

            var (code, output, _) = await CliRunner.RunAsync("wallet", "list", "--wallets", wallets, "--json");

            Assert.Equal(0, code);
            using var json = JsonDocument.Parse(output);
            var entries = json.RootElement.GetProperty("wallets").EnumerateArray()
                .Select(e => (e.GetProperty("name").GetString(), e.GetProperty("address").GetString())).ToList();
            Assert.Equal([("alice", alice.ToString()), ("bob", bob.ToString())], entries);
        }
        finally
        {
            Directory.Delete(wallets, recursive: true);
        }
    }

    [Fact]
    public async Task Wallet_balance_shows_eth_and_no_ovpp_for_a_new_wallet_and_reports_an_unreachable_node()
    {
        var name = UniqueName("balance");
        Assert.Equal(0, (await CliRunner.RunAsync("wallet", "new", "--name", name, "--data", chain.DataDir)).ExitCode);
        var address = new WalletStore(Path.Combine(chain.DataDir, "wallets")).Load(name).Address;
        await chain.Dev.SetBalanceAsync(address, BigInteger.Parse("1500000000000000000"));

        var (code, output, error) = await CliRunner.RunAsync(
            "wallet", "balance", "--name", name, "--data", chain.DataDir, "--node", "http://127.0.0.1:1", "--json");

        Assert.True(code == 0, error);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal(address.ToString(), root.GetProperty("address").GetString());
        Assert.Equal((long)chain.ChainId, root.GetProperty("chain_id").GetInt64());
        Assert.Equal("1500000000000000000", root.GetProperty("eth").GetProperty("wei").GetString());
        Assert.Equal("1.5", root.GetProperty("eth").GetProperty("ether").GetString());
        Assert.Equal("0", root.GetProperty("ovpp").GetProperty("base_units").GetString());
        Assert.Equal("0", root.GetProperty("ovpp").GetProperty("tokens").GetString());
        Assert.Equal("0", root.GetProperty("claimed").GetProperty("base_units").GetString());
        Assert.False(root.GetProperty("node").GetProperty("reachable").GetBoolean());
    }

    [Fact]
    public async Task Wallet_balance_with_both_name_and_address_is_a_usage_error()
    {
        var (code, _, error) = await CliRunner.RunAsync(
            "wallet", "balance", "--name", "x", "--address", ChainFixture.OracleKey.Address.ToString(), "--data", chain.DataDir);

        Assert.Equal(2, code);
        Assert.Contains("not both", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wallet_balance_names_a_missing_manifest()
    {
        var (code, _, error) = await CliRunner.RunAsync("wallet", "balance", "--address", ChainFixture.OracleKey.Address.ToString(), "--data", Path.Combine(chain.DataDir, "absent"));

        Assert.Equal(1, code);
        Assert.Contains("deployment.json", error, StringComparison.Ordinal);
        Assert.Single(error.Trim().Split('\n'));
    }

    [Fact]
    public async Task Finds_the_manifest_and_wallets_in_a_chain_subdirectory_of_the_data_dir()
    {
        var data = Directory.CreateTempSubdirectory("openvpp-data-").FullName;
        try
        {
            chain.Manifest.Save(Path.Combine(Directory.CreateDirectory(Path.Combine(data, "chain")).FullName, "deployment.json"));

            var (created, _, _) = await CliRunner.RunAsync("wallet", "new", "--name", "nested", "--data", data);
            var (code, output, error) = await CliRunner.RunAsync("wallet", "balance", "--name", "nested", "--data", data, "--node", "http://127.0.0.1:1", "--json");

            Assert.Equal(0, created);
            Assert.True(File.Exists(Path.Combine(data, "chain", "wallets", "nested.json")));
            Assert.True(code == 0, error);
            using var json = JsonDocument.Parse(output);
            Assert.Equal("0", json.RootElement.GetProperty("eth").GetProperty("wei").GetString());
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    private static string UniqueName(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..20];
}
