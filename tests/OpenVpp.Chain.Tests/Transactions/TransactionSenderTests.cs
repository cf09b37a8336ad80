using System.Numerics;
using Microsoft.Extensions.Logging;
using OpenVpp.Chain.Contracts;
using OpenVpp.Chain.Crypto;
using OpenVpp.Chain.Hosting;
using OpenVpp.Chain.Reverts;
using OpenVpp.Chain.Rpc;
using OpenVpp.Chain.Tests.Support;
using OpenVpp.Chain.Transactions;

namespace OpenVpp.Chain.Tests.Transactions;

[Collection(AnvilChain.Name)]
public class TransactionSenderTests(AnvilFixture chain)
{
    private static readonly ContractArtifact Nft = AnvilFixture.Artifact("PlainNft");

    private static TransactionSenderOptions NftOptions { get; } = AnvilFixture.FastSenderOptions with { RevertDecoder = new RevertDecoder(Nft.Abi.Errors) };

    [Fact]
    public async Task An_ETH_transfer_we_signed_is_mined_and_moves_exactly_value_plus_fee()
    {
        using var sender = chain.Sender(1);
        var recipient = AnvilDevAccounts.Key(2).Address;
        var value = BigInteger.Parse("1234567890123456789", System.Globalization.CultureInfo.InvariantCulture);
        var senderBefore = await chain.Rpc.GetBalanceAsync(sender.Address);
        var recipientBefore = await chain.Rpc.GetBalanceAsync(recipient);

        var receipt = await sender.SendAndWaitAsync(recipient, ReadOnlyMemory<byte>.Empty, value);

        Assert.True(receipt.Succeeded);
        Assert.Equal(21_000UL, receipt.GasUsed);
        Assert.Equal(sender.Address, receipt.From);
        Assert.Equal(recipient, receipt.To);
        Assert.Equal(recipientBefore + value, await chain.Rpc.GetBalanceAsync(recipient));
        Assert.Equal(senderBefore - value - (receipt.GasUsed * receipt.EffectiveGasPrice), await chain.Rpc.GetBalanceAsync(sender.Address));
    }

    [Fact]
    public async Task Deploys_an_artifact_and_reads_it_back_through_eth_call()
    {
        using var sender = chain.Sender(1, NftOptions);

        var nft = await sender.DeployAsync(Nft.DeploymentData());

        var code = await chain.Rpc.SendAsync("eth_getCode", [nft.ToString(), "latest"]);
        Assert.Equal(Nft.DeployedBytecode.ToArray(), RpcHex.ParseData(code.GetString()));
        var name = Nft.Abi.Function("name");
        Assert.Equal("Plain", name.DecodeReturn(await chain.Rpc.CallAsync(nft, name.EncodeCall()))[0]);
        var symbol = Nft.Abi.Function("symbol");
        Assert.Equal("PLAIN", symbol.DecodeReturn(await chain.Rpc.CallAsync(nft, symbol.EncodeCall()))[0]);
    }

    [Fact]
    public async Task Mint_logs_come_back_from_getLogs_and_decode_with_the_artifacts_event()
    {
        using var sender = chain.Sender(1, NftOptions);
        var nft = await sender.DeployAsync(Nft.DeploymentData());
        var owner = AnvilDevAccounts.Key(3).Address;
        var mint = Nft.Abi.Function("safeMintBatch");

        var receipt = await sender.SendAndWaitAsync(nft, mint.EncodeCall(owner.ToArray(), new BigInteger(100), new BigInteger(3)));

        var transfer = Nft.Abi.Event("Transfer");
        var logs = await chain.Rpc.GetLogsAsync(new LogFilter
        {
            FromBlock = receipt.BlockNumber,
            ToBlock = receipt.BlockNumber,
            Addresses = [nft],
            Topics = [[transfer.Topic0], null, [Padded(owner)]],
        });
        Assert.Equal(3, logs.Count);
        Assert.All(logs, l => Assert.True(l.Is(transfer)));
        Assert.All(logs, l => Assert.Equal(receipt.TransactionHash, l.TransactionHash));
        Assert.All(logs, l => Assert.Equal(receipt.BlockHash, l.BlockHash));
        Assert.Equal(receipt.Logs.Select(l => l.LogIndex), logs.Select(l => l.LogIndex));
        var decoded = logs.Select(l => l.Decode(transfer)).ToList();
        Assert.All(decoded, d => Assert.Equal(new byte[20], d[0]));
        Assert.All(decoded, d => Assert.Equal(owner.ToArray(), d[1]));
        Assert.Equal([new BigInteger(100), new BigInteger(101), new BigInteger(102)], decoded.Select(d => (BigInteger)d[2]!));

        // A topic filter that matches nothing must really filter.
        var none = await chain.Rpc.GetLogsAsync(new LogFilter
        {
            FromBlock = receipt.BlockNumber,
            ToBlock = receipt.BlockNumber,
            Addresses = [nft],
            Topics = [[transfer.Topic0], null, [Padded(AnvilDevAccounts.Key(4).Address)]],
        });
        Assert.Empty(none);
    }

    [Fact]
    public async Task Ten_concurrent_sends_get_consecutive_nonces_and_all_mine()
    {
        var logger = new CapturingLogger<TransactionSender>();
        using var sender = new TransactionSender(chain.Rpc, AnvilDevAccounts.Key(5), chain.Anvil.ChainId, AnvilFixture.FastSenderOptions, logger);
        var first = await chain.Rpc.GetTransactionCountAsync(sender.Address, BlockParameter.Pending);
        var recipient = AnvilDevAccounts.Key(6).Address;

        var hashes = await Task.WhenAll(Enumerable.Range(1, 10).Select(i => sender.SendAsync(recipient, ReadOnlyMemory<byte>.Empty, i)));

        var receipts = await Task.WhenAll(hashes.Select(h => sender.WaitForReceiptAsync(h, timeout: TimeSpan.FromSeconds(10))));
        Assert.All(receipts, r => Assert.True(r.Succeeded));
        var nonces = new List<ulong>();
        foreach (var hash in hashes)
        {
            nonces.Add((await chain.Rpc.GetTransactionAsync(hash))!.Nonce);
        }

        Assert.Equal(Enumerable.Range(0, 10).Select(i => first + (ulong)i), nonces.Order());
        Assert.Equal(first + 10, await chain.Rpc.GetTransactionCountAsync(sender.Address, BlockParameter.Latest));

        // The local counter did it: no nonce was refused and repaired by a resync along the way.
        Assert.DoesNotContain(logger.Entries, e => e.Level >= LogLevel.Warning);
    }

    [Fact]
    public async Task Resyncs_the_nonce_after_someone_else_used_the_same_key()
    {
        var logger = new CapturingLogger<TransactionSender>();
        var key = AnvilDevAccounts.Key(4);
        using var sender = new TransactionSender(chain.Rpc, key, chain.Anvil.ChainId, AnvilFixture.FastSenderOptions, logger);
        var recipient = AnvilDevAccounts.Key(6).Address;
        await sender.SendAndWaitAsync(recipient, ReadOnlyMemory<byte>.Empty, 1);

        // Another wallet with the same key takes the nonce the sender expects to use next.
        var external = await chain.Rpc.GetTransactionCountAsync(key.Address, BlockParameter.Pending);
        var block = (await chain.Rpc.GetBlockAsync(BlockParameter.Latest))!;
        var signed = new Eip1559Transaction
        {
            ChainId = chain.Anvil.ChainId,
            Nonce = external,
            MaxPriorityFeePerGas = 1,
            MaxFeePerGas = (block.BaseFeePerGas!.Value * 2) + 1,
            GasLimit = 21_000,
            To = recipient,
            Value = 2,
        }.Sign(key);
        await chain.Rpc.SendRawTransactionAsync(signed.Raw);

        var receipt = await sender.SendAndWaitAsync(recipient, ReadOnlyMemory<byte>.Empty, 3);

        Assert.True(receipt.Succeeded);
        Assert.Equal(external + 1, (await chain.Rpc.GetTransactionAsync(receipt.TransactionHash))!.Nonce);
        Assert.Contains(logger.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("resynced", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_reverting_call_throws_the_decoded_custom_error_before_anything_is_sent()
    {
        using var deployer = chain.Sender(1, NftOptions);
        var nft = await deployer.DeployAsync(Nft.DeploymentData());
        var owner = AnvilDevAccounts.Key(3).Address;
        await deployer.SendAndWaitAsync(nft, Nft.Abi.Function("safeMintBatch").EncodeCall(owner.ToArray(), new BigInteger(7), BigInteger.One));
        using var thief = chain.Sender(2, NftOptions);
        var nonce = await chain.Rpc.GetTransactionCountAsync(thief.Address, BlockParameter.Pending);
        var height = await chain.Rpc.BlockNumberAsync();

        var transferFrom = Nft.Abi.FunctionBySignature("transferFrom(address,address,uint256)");
        var error = await Assert.ThrowsAsync<ContractRevertException>(
            () => thief.SendAsync(nft, transferFrom.EncodeCall(owner.ToArray(), thief.Address.ToArray(), new BigInteger(7))));

        Assert.Null(error.TransactionHash);
        Assert.Equal(RevertKind.Custom, error.Reason.Kind);
        Assert.Equal("ERC721InsufficientApproval", error.Reason.Name);
        Assert.Equal(thief.Address.ToArray(), error.Reason.Arguments[0]);
        Assert.Equal(new BigInteger(7), error.Reason.Arguments[1]);
        Assert.Contains($"ERC721InsufficientApproval({thief.Address}, 7)", error.Message, StringComparison.Ordinal);
        Assert.Equal(nonce, await chain.Rpc.GetTransactionCountAsync(thief.Address, BlockParameter.Pending));
        Assert.Equal(height, await chain.Rpc.BlockNumberAsync());

        // The sender's own nonce did not move either: its next transaction uses the same nonce.
        var next = await thief.SendAndWaitAsync(owner, ReadOnlyMemory<byte>.Empty, 1);
        Assert.Equal(nonce, (await chain.Rpc.GetTransactionAsync(next.TransactionHash))!.Nonce);
    }

    [Fact]
    public async Task A_transaction_mined_with_status_0_throws_with_its_hash_and_the_replayed_reason()
    {
        using var sender = chain.Sender(1, NftOptions);
        var nft = await sender.DeployAsync(Nft.DeploymentData());
        var approveMissing = Nft.Abi.Function("approve").EncodeCall(AnvilDevAccounts.Key(3).Address.ToArray(), new BigInteger(999));

        // An explicit gas limit skips estimation, so the revert happens on chain.
        var error = await Assert.ThrowsAsync<ContractRevertException>(() => sender.SendAndWaitAsync(nft, approveMissing, gasLimit: 100_000));

        Assert.NotNull(error.TransactionHash);
        var receipt = await chain.Rpc.GetTransactionReceiptAsync(error.TransactionHash);
        Assert.False(receipt!.Succeeded);
        Assert.Equal("ERC721NonexistentToken", error.Reason.Name);
        Assert.Equal(new BigInteger(999), error.Reason.Arguments[0]);
    }

    [Fact]
    public async Task A_resubmission_after_a_lost_answer_is_treated_as_sent_and_mines_once()
    {
        // The proxy delivers the first eth_sendRawTransaction to anvil but loses the answer, so the client's
        // retry sends the same signed bytes to a node that has mined them already.
        var lost = 0;
        await using var proxy = new FaultInjectingProxy(
            chain.Anvil.RpcUri,
            (_, method) => method == "eth_sendRawTransaction" && Interlocked.Exchange(ref lost, 1) == 0
                ? ProxyFault.FailAfterForwarding
                : ProxyFault.None);
        var rpcLog = new CapturingLogger<EthRpcClient>();
        var sendLog = new CapturingLogger<TransactionSender>();
        var policy = new RpcRetryPolicy { BaseDelay = TimeSpan.FromMilliseconds(5), MaxDelay = TimeSpan.FromMilliseconds(10) };
        using var rpc = new EthRpcClient(proxy.Uri, new EthRpcClientOptions { RetryPolicy = policy }, rpcLog);
        var key = AnvilDevAccounts.Key(9);
        using var sender = new TransactionSender(rpc, key, chain.Anvil.ChainId, AnvilFixture.FastSenderOptions, sendLog);
        var nonce = await rpc.GetTransactionCountAsync(key.Address, BlockParameter.Pending);

        var receipt = await sender.SendAndWaitAsync(AnvilDevAccounts.Key(6).Address, ReadOnlyMemory<byte>.Empty, 5);

        Assert.True(receipt.Succeeded);
        Assert.Equal(2, proxy.Methods.Count(m => m == "eth_sendRawTransaction"));
        Assert.Equal(nonce + 1, await rpc.GetTransactionCountAsync(key.Address, BlockParameter.Latest));
        Assert.Contains(sendLog.Entries, e => e.Message.Contains("already with the node", StringComparison.Ordinal));

        // What was logged names the method and the hash, never the signed bytes or the key.
        var raw = (await rpc.SendAsync("eth_getRawTransactionByHash", [RpcHex.FormatData(receipt.TransactionHash)])).GetString()!;
        const string PrivateKeyStart = "2a871d0798f97d79"; // dev key 9
        var everything = string.Join('\n', rpcLog.Entries.Concat(sendLog.Entries).Select(e => e.Message));
        Assert.DoesNotContain(raw[2..], everything, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(PrivateKeyStart, everything, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(RpcHex.FormatData(receipt.TransactionHash), everything, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Waiting_for_a_receipt_that_never_comes_times_out_with_the_hash()
    {
        using var sender = chain.Sender(1);
        var hash = Enumerable.Repeat((byte)0x5a, 32).ToArray();

        var error = await Assert.ThrowsAsync<TimeoutException>(() => sender.WaitForReceiptAsync(hash, timeout: TimeSpan.FromMilliseconds(100)));

        Assert.Contains(RpcHex.FormatData(hash), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Confirmations_wait_for_blocks_on_top_of_the_receipt()
    {
        using var sender = chain.Sender(1);
        var hash = await sender.SendAsync(AnvilDevAccounts.Key(6).Address, ReadOnlyMemory<byte>.Empty, 1);
        await sender.WaitForReceiptAsync(hash);

        await Assert.ThrowsAsync<TimeoutException>(() => sender.WaitForReceiptAsync(hash, confirmations: 2, timeout: TimeSpan.FromMilliseconds(100)));
        await chain.Dev.MineAsync(2);
        var receipt = await sender.WaitForReceiptAsync(hash, confirmations: 2, timeout: TimeSpan.FromSeconds(5));
        Assert.True(await chain.Rpc.BlockNumberAsync() >= receipt.BlockNumber + 2);
    }

    private static byte[] Padded(EthAddress address) => [.. new byte[12], .. address.ToArray()];
}
