using System.Numerics;
using OpenVpp.Chain.Crypto;
using OpenVpp.Chain.Hosting;
using OpenVpp.Chain.Rpc;
using OpenVpp.Chain.Tests.Support;

namespace OpenVpp.Chain.Tests.Rpc;

[Collection(AnvilChain.Name)]
public class EthRpcClientTests(AnvilFixture chain)
{
    [Fact]
    public async Task Reports_the_chain_id_anvil_was_started_with_and_a_growing_block_number()
    {
        Assert.Equal(AnvilOptions.DefaultChainId, await chain.Rpc.ChainIdAsync());

        var before = await chain.Rpc.BlockNumberAsync();
        await chain.Dev.MineAsync(2);
        Assert.Equal(before + 2, await chain.Rpc.BlockNumberAsync());
    }

    [Fact]
    public async Task Reads_blocks_by_number_and_by_tag_with_linked_hashes()
    {
        await chain.Dev.MineAsync();
        var latest = await chain.Rpc.GetBlockAsync(BlockParameter.Latest);
        Assert.NotNull(latest);
        var parent = await chain.Rpc.GetBlockAsync(latest.Number - 1);
        Assert.NotNull(parent);

        Assert.Equal(parent.Hash, latest.ParentHash);
        Assert.True(latest.Timestamp >= parent.Timestamp);
        Assert.NotNull(latest.BaseFeePerGas);
        Assert.True(latest.GasLimit > 21_000UL);
        Assert.NotNull(await chain.Rpc.GetBlockAsync(BlockParameter.Finalized));
        Assert.Null(await chain.Rpc.GetBlockAsync(latest.Number + 1000));
    }

    [Fact]
    public async Task The_dev_keys_are_anvils_funded_accounts_in_order()
    {
        var accounts = await chain.Rpc.SendAsync("eth_accounts");
        var listed = accounts.EnumerateArray().Select(a => EthAddress.Parse(a.GetString()!)).ToList();

        Assert.Equal(chain.Anvil.DevAccountKeys.Select(k => k.Address), listed);
        Assert.True(await chain.Rpc.GetBalanceAsync(listed[9]) > BigInteger.Pow(10, 18));
    }

    [Fact]
    public async Task Fee_history_has_one_base_fee_more_than_blocks_and_matches_the_latest_block()
    {
        await chain.Dev.MineAsync(3);
        var latest = (await chain.Rpc.GetBlockAsync(BlockParameter.Latest))!;

        var history = await chain.Rpc.FeeHistoryAsync(3, latest.Number, [25, 75]);

        Assert.Equal(latest.Number - 2, history.OldestBlock);
        Assert.Equal(4, history.BaseFeePerGas.Count);
        Assert.Equal(latest.BaseFeePerGas, history.BaseFeePerGas[2]);
        Assert.All(history.Reward, r => Assert.Equal(2, r.Count));
        Assert.True(await chain.Rpc.MaxPriorityFeePerGasAsync() >= BigInteger.Zero);
    }

    [Fact]
    public async Task Unknown_transactions_have_no_receipt_and_no_body()
    {
        var hash = Enumerable.Repeat((byte)0xab, 32).ToArray();
        Assert.Null(await chain.Rpc.GetTransactionReceiptAsync(hash));
        Assert.Null(await chain.Rpc.GetTransactionAsync(hash));
    }

    [Fact]
    public async Task A_nonce_read_at_pending_counts_transactions_not_yet_mined()
    {
        var dev = chain.Dev;
        var key = AnvilDevAccounts.Key(8);
        using var sender = chain.Sender(8);
        await dev.SetAutomineAsync(false);
        try
        {
            var latest = await chain.Rpc.GetTransactionCountAsync(key.Address, BlockParameter.Latest);
            await sender.SendAsync(AnvilDevAccounts.Key(7).Address, ReadOnlyMemory<byte>.Empty, 1, 21_000);

            Assert.Equal(latest, await chain.Rpc.GetTransactionCountAsync(key.Address, BlockParameter.Latest));
            Assert.Equal(latest + 1, await chain.Rpc.GetTransactionCountAsync(key.Address, BlockParameter.Pending));
        }
        finally
        {
            await dev.SetAutomineAsync(true);
            await dev.MineAsync();
        }
    }
}
