using System.Text.Json.Nodes;
using OpenVpp.Chain.Contracts;
using OpenVpp.Chain.Crypto;
using OpenVpp.Chain.Rpc;
using OpenVpp.Contracts.Tests.Support;

namespace OpenVpp.Contracts.Tests;

[Collection(SharedAnvil.Name)]
public sealed class DeploymentTests(AnvilFixture chain)
{
    [Fact]
    public async Task Manifest_addresses_hold_the_compiled_contracts()
    {
        var ovpp = await chain.DeployAsync();
        var contracts = ovpp.Manifest.Contracts;

        Assert.Equal(chain.Admin.Address.ToString(), ovpp.Manifest.Admin);
        Assert.Equal(chain.Oracle.Address.ToString(), ovpp.Manifest.Oracle);
        Assert.Equal(DeployedOvpp.FirstEpoch, ovpp.Manifest.FirstEpoch);
        Assert.Equal(contracts.Token, contracts.Distributor);
        Assert.Equal(3, new[] { contracts.Token, contracts.Registry, contracts.EpochLedger }.Distinct().Count());

        // DeviceRegistry has no immutables, so its runtime code is exactly the compiler's; the others embed theirs.
        Assert.Equal(OvppArtifacts.Registry.DeployedBytecode.ToArray(), await CodeAsync(contracts.Registry));
        Assert.Equal(OvppArtifacts.Token.DeployedBytecode.Length, (await CodeAsync(contracts.Token)).Length);
        Assert.Equal(OvppArtifacts.Ledger.DeployedBytecode.Length, (await CodeAsync(contracts.EpochLedger)).Length);
    }

    [Fact]
    public async Task Roles_are_wired_so_the_oracle_commits_and_the_token_follows()
    {
        var ovpp = await chain.DeployAsync();

        Assert.True(await ovpp.Token.HasRoleAsync(EpochLedgerContract.DefaultAdminRole, chain.Admin.Address));
        Assert.True(await ovpp.Ledger.HasRoleAsync(EpochLedgerContract.DefaultAdminRole, chain.Admin.Address));
        Assert.False(await ovpp.Ledger.HasRoleAsync(EpochLedgerContract.DefaultAdminRole, chain.Oracle.Address));
        Assert.True(await ovpp.Token.HasRoleAsync("LEDGER_ROLE", ovpp.Ledger.Address));
        Assert.True(await ovpp.Ledger.HasRoleAsync("ORACLE_ROLE", chain.Oracle.Address));
        Assert.False(await ovpp.Ledger.HasRoleAsync("ORACLE_ROLE", chain.Admin.Address));
        Assert.Equal(DeployedOvpp.FirstEpoch, await ovpp.Ledger.NextEpochAsync());
        Assert.Equal(new byte[32], await ovpp.Token.RewardRootAsync());

        byte[] root1 = [.. Enumerable.Repeat((byte)0x11, 32)], root2 = [.. Enumerable.Repeat((byte)0x22, 32)];
        var reward = Rewards.Ovpp("1.5");
        var receipt = await ovpp.CommitAsync(1, new byte[32], root1, reward);
        Assert.Contains(receipt.Logs, l => ovpp.Ledger.IsEvent(l, EpochLedgerContract.EpochCommittedEvent));
        Assert.Equal(root1, await ovpp.Token.RewardRootAsync());
        Assert.Equal(1, await ovpp.Token.RootEpochAsync());
        Assert.Equal(reward, await ovpp.Token.TotalSupplyAsync());
        Assert.Equal(reward, await ovpp.Token.UnclaimedRewardsAsync());

        await ovpp.CommitAsync(2, new byte[32], root2, reward);
        Assert.Equal(root2, await ovpp.Token.RewardRootAsync());
        Assert.Equal(2, await ovpp.Token.RootEpochAsync());
        Assert.Equal(2 * reward, await ovpp.Token.TotalSupplyAsync());
    }

    private async Task<byte[]> CodeAsync(string address)
    {
        var code = await chain.Rpc.SendAsync("eth_getCode", new JsonArray(EthAddress.Parse(address).ToString(), "latest"));
        var bytes = RpcHex.ParseData(code.GetString()!);
        Assert.NotEmpty(bytes);
        return bytes;
    }
}
