using System.Numerics;
using OpenVpp.Chain.Hosting;
using OpenVpp.Chain.Rpc;
using OpenVpp.Chain.Tests.Support;

namespace OpenVpp.Chain.Tests.Rpc;

[Collection(AnvilChain.Name)]
public class AnvilRpcTests(AnvilFixture chain)
{
    [Fact]
    public async Task Revert_restores_balances_and_height_and_uses_up_the_snapshot()
    {
        var account = AnvilDevAccounts.Key(6).Address;
        var balance = await chain.Rpc.GetBalanceAsync(account);
        var height = await chain.Rpc.BlockNumberAsync();
        var snapshot = await chain.Dev.SnapshotAsync();

        await chain.Dev.SetBalanceAsync(account, 12345);
        await chain.Dev.MineAsync(3);
        Assert.Equal(new BigInteger(12345), await chain.Rpc.GetBalanceAsync(account));

        Assert.True(await chain.Dev.RevertAsync(snapshot));
        Assert.Equal(balance, await chain.Rpc.GetBalanceAsync(account));
        Assert.Equal(height, await chain.Rpc.BlockNumberAsync());
        Assert.False(await chain.Dev.RevertAsync(snapshot));
    }

    [Fact]
    public async Task Increase_time_moves_the_next_blocks_timestamp_forward()
    {
        await chain.Dev.MineAsync();
        var before = (await chain.Rpc.GetBlockAsync(BlockParameter.Latest))!.Timestamp;

        await chain.Dev.IncreaseTimeAsync(TimeSpan.FromHours(1));
        await chain.Dev.MineAsync();

        var after = (await chain.Rpc.GetBlockAsync(BlockParameter.Latest))!.Timestamp;
        Assert.InRange(after - before, 3600UL, 3600UL + 60);
    }
}
