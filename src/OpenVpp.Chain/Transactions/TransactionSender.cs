using System.Numerics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OpenVpp.Chain.Crypto;
using OpenVpp.Chain.Reverts;
using OpenVpp.Chain.Rpc;

namespace OpenVpp.Chain.Transactions;

/// <summary>
/// Signs and sends EIP-1559 transactions for one account: a local nonce counter (consecutive under concurrency,
/// resynced when the node refuses a nonce), fees from the node, gas from <c>eth_estimateGas</c> plus a margin,
/// and reverts surfaced as <see cref="ContractRevertException"/>, before sending whenever estimation can tell.
/// One sender per account and process: two senders for one key would hand out the same nonces.
/// </summary>
public sealed class TransactionSender : IDisposable
{
    private readonly EthRpcClient _rpc;
    private readonly Secp256k1Key _key;
    private readonly TransactionSenderOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly NonceTracker _nonces;

    public TransactionSender(
        EthRpcClient rpc,
        Secp256k1Key key,
        ulong chainId,
        TransactionSenderOptions? options = null,
        ILogger<TransactionSender>? logger = null,
        TimeProvider? time = null)
    {
        _rpc = rpc ?? throw new ArgumentNullException(nameof(rpc));
        _key = key ?? throw new ArgumentNullException(nameof(key));
        _options = options ?? new TransactionSenderOptions();
        _options.Validate();
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _time = time ?? TimeProvider.System;
        ChainId = chainId;
        _nonces = new NonceTracker(rpc, key.Address);
    }

    /// <summary>The sending account.</summary>
    public EthAddress Address => _key.Address;

    /// <summary>The chain every transaction is signed for (EIP-155 replay protection).</summary>
    public ulong ChainId { get; }

    /// <summary>A sender for the chain the node reports.</summary>
    public static async Task<TransactionSender> CreateAsync(
        EthRpcClient rpc,
        Secp256k1Key key,
        TransactionSenderOptions? options = null,
        ILogger<TransactionSender>? logger = null,
        TimeProvider? time = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rpc);
        var chainId = await rpc.ChainIdAsync(cancellationToken).ConfigureAwait(false);
        return new TransactionSender(rpc, key, chainId, options, logger, time);
    }

    /// <summary>
    /// Signs and submits a transaction; returns its hash once the node has accepted it (not mined).
    /// </summary>
    /// <param name="to">The recipient, or null to deploy <paramref name="data"/> as init code.</param>
    /// <param name="data">Call data or init code.</param>
    /// <param name="value">Wei to transfer.</param>
    /// <param name="gasLimit">An explicit limit, which also skips estimation (and so the early revert check).</param>
    /// <param name="cancellationToken">Cancels waiting; a transaction already submitted stays submitted.</param>
    /// <exception cref="ContractRevertException">Estimation reverted; nothing was sent and the nonce is unchanged.</exception>
    /// <exception cref="JsonRpcException">The node refused the transaction (e.g. insufficient funds).</exception>
    /// <exception cref="RpcTransportException">Submission failed in transport; the transaction may still be mined.</exception>
    public async Task<byte[]> SendAsync(
        EthAddress? to,
        ReadOnlyMemory<byte> data,
        BigInteger value = default,
        ulong? gasLimit = null,
        CancellationToken cancellationToken = default) =>
        (await SendCoreAsync(to, data, value, gasLimit, cancellationToken).ConfigureAwait(false)).Hash;

    /// <summary>
    /// Polls for the receipt until it exists and <paramref name="confirmations"/> more blocks sit on top of it.
    /// </summary>
    /// <exception cref="TimeoutException">No such receipt within <paramref name="timeout"/> (default from the options).</exception>
    public async Task<TransactionReceipt> WaitForReceiptAsync(
        byte[] transactionHash,
        int confirmations = 0,
        TimeSpan? timeout = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(transactionHash);
        ArgumentOutOfRangeException.ThrowIfNegative(confirmations);
        var limit = timeout ?? _options.ReceiptTimeout;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(limit, TimeSpan.Zero, nameof(timeout));
        var deadline = _time.GetUtcNow() + limit;
        while (true)
        {
            var receipt = await _rpc.GetTransactionReceiptAsync(transactionHash, cancellationToken).ConfigureAwait(false);
            if (receipt is not null
                && (confirmations == 0
                    || await _rpc.BlockNumberAsync(cancellationToken).ConfigureAwait(false) >= receipt.BlockNumber + (ulong)confirmations))
            {
                return receipt;
            }

            if (_time.GetUtcNow() >= deadline)
            {
                var state = receipt is null ? "no receipt" : $"mined in block {receipt.BlockNumber} but not yet {confirmations} confirmation(s) deep";
                throw new TimeoutException($"Transaction {RpcHex.FormatData(transactionHash)}: {state} after {limit.TotalSeconds:0.#} s.");
            }

            await Task.Delay(_options.ReceiptPollInterval, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Sends, waits for the receipt, and throws when the transaction reverted on chain.</summary>
    /// <exception cref="ContractRevertException">
    /// Estimation reverted (nothing sent), or the transaction was mined with status 0 (the reason comes from
    /// replaying it with <c>eth_call</c> at the receipt's block, and <see cref="ContractRevertException.TransactionHash"/> is set).
    /// </exception>
    public async Task<TransactionReceipt> SendAndWaitAsync(
        EthAddress? to,
        ReadOnlyMemory<byte> data,
        BigInteger value = default,
        ulong? gasLimit = null,
        CancellationToken cancellationToken = default)
    {
        var sent = await SendCoreAsync(to, data, value, gasLimit, cancellationToken).ConfigureAwait(false);
        var receipt = await WaitForReceiptAsync(sent.Hash, 0, null, cancellationToken).ConfigureAwait(false);
        if (receipt.Succeeded)
        {
            return receipt;
        }

        var reason = await ReplayAsync(sent.Transaction, receipt, cancellationToken).ConfigureAwait(false);
        throw new ContractRevertException(reason, sent.Hash);
    }

    /// <summary>Deploys init code (with its constructor arguments appended) and returns the new contract's address.</summary>
    public async Task<EthAddress> DeployAsync(ReadOnlyMemory<byte> deploymentData, ulong? gasLimit = null, CancellationToken cancellationToken = default)
    {
        if (deploymentData.IsEmpty)
        {
            throw new ArgumentException("Deployment needs init code.", nameof(deploymentData));
        }

        var receipt = await SendAndWaitAsync(null, deploymentData, BigInteger.Zero, gasLimit, cancellationToken).ConfigureAwait(false);
        return receipt.ContractAddress
            ?? throw new RpcProtocolException($"The receipt of deployment {RpcHex.FormatData(receipt.TransactionHash)} has no contractAddress.");
    }

    /// <summary>Re-reads the next nonce from the node's pending count, e.g. after sending from this key elsewhere.</summary>
    public Task ResyncNonceAsync(CancellationToken cancellationToken = default) => _nonces.InvalidateAsync(cancellationToken);

    public void Dispose() => _nonces.Dispose();

    private async Task<SignedTransaction> SendCoreAsync(
        EthAddress? to,
        ReadOnlyMemory<byte> data,
        BigInteger value,
        ulong? gasLimit,
        CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(value.Sign, nameof(value));
        if (gasLimit == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(gasLimit), "A gas limit of 0 cannot run anything.");
        }

        // Estimate and price outside the nonce lock: neither depends on the nonce, so concurrent sends overlap here.
        var call = new CallRequest { From = Address, To = to, Data = data, Value = value };
        var estimate = gasLimit is null ? await EstimateGasAsync(call, cancellationToken).ConfigureAwait(false) : 0;
        var fees = await FeeEstimator.EstimateAsync(_rpc, _options, _logger, cancellationToken).ConfigureAwait(false);
        var gas = gasLimit ?? FeeEstimator.PadGas(estimate, _options.GasLimitMarginPercent, fees.BlockGasLimit);

        using var lease = await _nonces.AcquireAsync(cancellationToken).ConfigureAwait(false);
        for (var attempt = 1; ; attempt++)
        {
            var signed = new Eip1559Transaction
            {
                ChainId = ChainId,
                Nonce = lease.Nonce,
                MaxPriorityFeePerGas = fees.MaxPriorityFeePerGas,
                MaxFeePerGas = fees.MaxFeePerGas,
                GasLimit = gas,
                To = to,
                Value = value,
                Data = data,
            }.Sign(_key);
            try
            {
                await SubmitAsync(signed, cancellationToken).ConfigureAwait(false);
                lease.Commit();
                TransactionLog.Sent(_logger, new LogHex(signed.Hash), Address, signed.Transaction.Nonce);
                return signed;
            }
            catch (JsonRpcException e) when (attempt == 1 && NodeErrors.IsNonceTaken(e))
            {
                // Someone else used this key (another process, a manual send), or the node dropped our pool state.
                var next = await lease.ResyncAsync(cancellationToken).ConfigureAwait(false);
                TransactionLog.NonceResynced(_logger, signed.Transaction.Nonce, Address, e.RpcMessage, next);
            }
            catch (RpcTransportException)
            {
                lease.Invalidate();
                TransactionLog.SubmissionUncertain(_logger, new LogHex(signed.Hash), signed.Transaction.Nonce);
                throw;
            }
            catch (OperationCanceledException)
            {
                // Cancelled mid-submission: the node may have the transaction, so the local nonce is in doubt.
                lease.Invalidate();
                throw;
            }
        }
    }

    /// <summary>
    /// Submits signed bytes. The transport may have re-sent them after a lost response, so a refusal that means
    /// "I have this already" is success: the hash is computed locally and covers every field, so a transaction
    /// the node knows by that hash is exactly this one.
    /// </summary>
    private async Task SubmitAsync(SignedTransaction signed, CancellationToken cancellationToken)
    {
        try
        {
            var hash = await _rpc.SendRawTransactionAsync(signed.Raw, cancellationToken).ConfigureAwait(false);
            if (!hash.AsSpan().SequenceEqual(signed.Hash))
            {
                throw new RpcProtocolException(
                    $"The node reports hash {RpcHex.FormatData(hash)} for a transaction whose hash is {RpcHex.FormatData(signed.Hash)}.");
            }
        }
        catch (JsonRpcException e) when (NodeErrors.IsAlreadyKnown(e) || NodeErrors.IsNonceTaken(e))
        {
            // "nonce too low" while the node knows our hash: an earlier attempt got through and was mined already.
            if (!NodeErrors.IsAlreadyKnown(e) && !await IsKnownAsync(signed.Hash, cancellationToken).ConfigureAwait(false))
            {
                throw;
            }

            TransactionLog.AlreadySubmitted(_logger, new LogHex(signed.Hash), e.RpcMessage);
        }
    }

    private async Task<bool> IsKnownAsync(byte[] hash, CancellationToken cancellationToken) =>
        await _rpc.GetTransactionAsync(hash, cancellationToken).ConfigureAwait(false) is not null;

    private async Task<ulong> EstimateGasAsync(CallRequest call, CancellationToken cancellationToken)
    {
        try
        {
            return await _rpc.EstimateGasAsync(call, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonRpcException e) when (e.IsExecutionReverted)
        {
            throw new ContractRevertException(_options.RevertDecoder.Decode(e.RevertData ?? []), null, e);
        }
    }

    /// <summary>
    /// Why a mined transaction reverted: the same call replayed at the receipt's block. The replay sees that
    /// block's final state, which is exact for a transaction alone in its block and close enough to name the
    /// error otherwise; a replay that succeeds is reported as such rather than guessed at.
    /// </summary>
    private async Task<RevertReason> ReplayAsync(Eip1559Transaction transaction, TransactionReceipt receipt, CancellationToken cancellationToken)
    {
        var call = new CallRequest
        {
            From = Address,
            To = transaction.To,
            Data = transaction.Data,
            Value = transaction.Value,
            Gas = transaction.GasLimit,
        };
        try
        {
            await _rpc.CallAsync(call, receipt.BlockNumber, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonRpcException e) when (e.IsExecutionReverted)
        {
            return _options.RevertDecoder.Decode(e.RevertData ?? []);
        }
        catch (JsonRpcException e)
        {
            return new RevertReason(RevertKind.Unknown, null, [], $"replay failed: {e.RpcMessage}", []);
        }

        var hint = receipt.GasUsed >= transaction.GasLimit ? "; it used its whole gas limit, so most likely it ran out of gas" : string.Empty;
        return new RevertReason(RevertKind.Unknown, null, [], $"status 0, but replaying it at block {receipt.BlockNumber} succeeds{hint}", []);
    }
}
