using OpenVpp.Chain.Crypto;
using OpenVpp.Chain.Hosting;
using OpenVpp.Contracts.Tests.Support;

namespace OpenVpp.Contracts.Tests;

[Collection(SharedAnvil.Name)]
public sealed class DevAccountTests(AnvilFixture chain)
{
    [Fact]
    public async Task The_dev_keys_are_the_accounts_anvil_funds()
    {
        var accounts = await chain.Rpc.SendAsync("eth_accounts");
        var funded = accounts.EnumerateArray().Select(a => EthAddress.Parse(a.GetString()!.ToLowerInvariant())).ToList();

        Assert.Equal(funded, AnvilDevAccounts.Keys.Select(k => k.Address));
        foreach (var key in AnvilDevAccounts.Keys)
        {
            Assert.True(await chain.Rpc.GetBalanceAsync(key.Address) > 0, $"{key.Address} holds no ether on anvil.");
        }
    }
}
