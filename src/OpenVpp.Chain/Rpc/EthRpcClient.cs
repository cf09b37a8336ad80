using System.Numerics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OpenVpp.Chain.Crypto;

namespace OpenVpp.Chain.Rpc;

/// <summary>
/// An Ethereum JSON-RPC client over HTTP. Typed methods for what OpenVPP needs, <see cref="SendAsync"/> for the
/// rest. Every result is checked against the spec's encodings; transport failures are retried per
/// <see cref="RpcRetryPolicy"/>, JSON-RPC errors never are. Safe for concurrent use.
/// </summary>
public sealed class EthRpcClient : IDisposable
{
    private readonly JsonRpcTransport _transport;
    private readonly HttpClient? _ownedHttp;

    /// <summary>A client with its own <see cref="HttpClient"/>, disposed with it.</summary>
    public EthRpcClient(Uri endpoint, EthRpcClientOptions? options = null, ILogger<EthRpcClient>? logger = null, TimeProvider? time = null)
        // Attempts have their own timeout (RpcRetryPolicy.AttemptTimeout); HttpClient's would cut across it.
        : this(new HttpClient { Timeout = Timeout.InfiniteTimeSpan }, ownsHttp: true, endpoint, options, logger, time)
    {
    }

    /// <summary>A client on a caller-owned <see cref="HttpClient"/>, which is not disposed with it.</summary>
    public EthRpcClient(HttpClient http, Uri endpoint, EthRpcClientOptions? options = null, ILogger<EthRpcClient>? logger = null, TimeProvider? time = null)
        : this(http, ownsHttp: false, endpoint, options, logger, time)
    {
    }

    private EthRpcClient(HttpClient http, bool ownsHttp, Uri endpoint, EthRpcClientOptions? options, ILogger? logger, TimeProvider? time)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(endpoint);
        if (!endpoint.IsAbsoluteUri || (endpoint.Scheme != Uri.UriSchemeHttp && endpoint.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"The JSON-RPC endpoint must be an absolute http(s) URI, not \"{endpoint}\".", nameof(endpoint));
        }

        options ??= new EthRpcClientOptions();
        options.RetryPolicy.Validate();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxResponseBytes, 1024, nameof(options));
        Endpoint = endpoint;
        _ownedHttp = ownsHttp ? http : null;
        _transport = new JsonRpcTransport(
            http,
            endpoint,
            options.RetryPolicy,
            options.MaxResponseBytes,
            logger ?? NullLogger.Instance,
            time ?? TimeProvider.System);
    }

    public Uri Endpoint { get; }

    /// <summary>
    /// Calls any method. <paramref name="parameters"/> is the params array (null for none); the result comes back
    /// as raw JSON for the caller to check.
    /// </summary>
    /// <exception cref="JsonRpcException">The node answered with an error.</exception>
    /// <exception cref="RpcTransportException">No answer after every allowed attempt.</exception>
    /// <exception cref="RpcProtocolException">The answer is not a valid JSON-RPC 2.0 response to this request.</exception>
    public Task<JsonElement> SendAsync(string method, JsonArray? parameters = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(method);
        return _transport.SendAsync(method, parameters, cancellationToken);
    }

    public async Task<ulong> ChainIdAsync(CancellationToken cancellationToken = default) =>
        RpcJson.Quantity64(await SendAsync("eth_chainId", null, cancellationToken).ConfigureAwait(false), "eth_chainId");

    public async Task<ulong> BlockNumberAsync(CancellationToken cancellationToken = default) =>
        RpcJson.Quantity64(await SendAsync("eth_blockNumber", null, cancellationToken).ConfigureAwait(false), "eth_blockNumber");

    /// <summary>The block's header fields, or null when the node has no such block (yet).</summary>
    public async Task<RpcBlock?> GetBlockAsync(BlockParameter block, CancellationToken cancellationToken = default)
    {
        var result = await SendAsync("eth_getBlockByNumber", [block.ToRpcString(), false], cancellationToken).ConfigureAwait(false);
        if (result.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        var parsed = RpcBlock.Parse(result);
        return block.Number is { } number && parsed.Number != number
            ? throw new RpcProtocolException($"Asked for block {number}, the node returned block {parsed.Number}.")
            : parsed;
    }

    public async Task<BigInteger> GetBalanceAsync(EthAddress address, BlockParameter block = default, CancellationToken cancellationToken = default) =>
        RpcJson.Quantity(
            await SendAsync("eth_getBalance", [address.ToString(), block.ToRpcString()], cancellationToken).ConfigureAwait(false),
            "eth_getBalance");

    /// <summary>Transactions sent from the address: at <see cref="BlockParameter.Pending"/>, the next free nonce.</summary>
    public async Task<ulong> GetTransactionCountAsync(EthAddress address, BlockParameter block = default, CancellationToken cancellationToken = default) =>
        RpcJson.Quantity64(
            await SendAsync("eth_getTransactionCount", [address.ToString(), block.ToRpcString()], cancellationToken).ConfigureAwait(false),
            "eth_getTransactionCount");

    /// <summary>Executes a call without sending a transaction and returns its return data.</summary>
    /// <exception cref="JsonRpcException">It reverted (see <see cref="JsonRpcException.RevertData"/>) or was refused.</exception>
    public async Task<byte[]> CallAsync(CallRequest call, BlockParameter block = default, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(call);
        return RpcJson.Data(
            await SendAsync("eth_call", [call.ToJson(), block.ToRpcString()], cancellationToken).ConfigureAwait(false),
            "eth_call");
    }

    public Task<byte[]> CallAsync(
        EthAddress to,
        ReadOnlyMemory<byte> data,
        EthAddress? from = null,
        BlockParameter block = default,
        CancellationToken cancellationToken = default) =>
        CallAsync(new CallRequest { To = to, Data = data, From = from }, block, cancellationToken);

    /// <summary>Gas the node expects the message to use; a revert comes back as <see cref="JsonRpcException"/>.</summary>
    public async Task<ulong> EstimateGasAsync(CallRequest call, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(call);
        return RpcJson.Quantity64(
            await SendAsync("eth_estimateGas", [call.ToJson()], cancellationToken).ConfigureAwait(false),
            "eth_estimateGas");
    }

    /// <summary>The node's suggested tip per gas, in wei.</summary>
    public async Task<BigInteger> MaxPriorityFeePerGasAsync(CancellationToken cancellationToken = default) =>
        RpcJson.Quantity(await SendAsync("eth_maxPriorityFeePerGas", null, cancellationToken).ConfigureAwait(false), "eth_maxPriorityFeePerGas");

    /// <summary>Base fees and tips of the <paramref name="blockCount"/> blocks up to <paramref name="newestBlock"/>.</summary>
    public async Task<FeeHistory> FeeHistoryAsync(
        int blockCount,
        BlockParameter newestBlock = default,
        IReadOnlyList<double>? rewardPercentiles = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(blockCount, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(blockCount, 1024);
        var percentiles = rewardPercentiles ?? [];
        for (var i = 0; i < percentiles.Count; i++)
        {
            if (percentiles[i] is < 0 or > 100 || double.IsNaN(percentiles[i]) || (i > 0 && percentiles[i] < percentiles[i - 1]))
            {
                throw new ArgumentException("Reward percentiles must rise monotonically within [0, 100].", nameof(rewardPercentiles));
            }
        }

        var result = await SendAsync(
            "eth_feeHistory",
            [RpcHex.FormatQuantity((ulong)blockCount), newestBlock.ToRpcString(), new JsonArray([.. percentiles.Select(p => JsonValue.Create(p))])],
            cancellationToken).ConfigureAwait(false);
        return FeeHistory.Parse(result, percentiles.Count);
    }

    /// <summary>Submits a signed transaction and returns the hash the node reports for it.</summary>
    public async Task<byte[]> SendRawTransactionAsync(ReadOnlyMemory<byte> rawTransaction, CancellationToken cancellationToken = default)
    {
        if (rawTransaction.IsEmpty)
        {
            throw new ArgumentException("A raw transaction is not empty.", nameof(rawTransaction));
        }

        return RpcJson.Hash(
            await SendAsync("eth_sendRawTransaction", [RpcHex.FormatData(rawTransaction.Span)], cancellationToken).ConfigureAwait(false),
            "eth_sendRawTransaction");
    }

    /// <summary>The receipt, or null while the transaction is pending or unknown.</summary>
    public async Task<TransactionReceipt?> GetTransactionReceiptAsync(ReadOnlyMemory<byte> transactionHash, CancellationToken cancellationToken = default)
    {
        var result = await SendAsync("eth_getTransactionReceipt", [HashParameter(transactionHash)], cancellationToken).ConfigureAwait(false);
        return result.ValueKind == JsonValueKind.Null ? null : Checked(TransactionReceipt.Parse(result), transactionHash, r => r.TransactionHash);
    }

    /// <summary>The transaction, pending or mined, or null when the node does not know it.</summary>
    public async Task<RpcTransaction?> GetTransactionAsync(ReadOnlyMemory<byte> transactionHash, CancellationToken cancellationToken = default)
    {
        var result = await SendAsync("eth_getTransactionByHash", [HashParameter(transactionHash)], cancellationToken).ConfigureAwait(false);
        return result.ValueKind == JsonValueKind.Null ? null : Checked(RpcTransaction.Parse(result), transactionHash, t => t.Hash);
    }

    public async Task<IReadOnlyList<LogEntry>> GetLogsAsync(LogFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var result = await SendAsync("eth_getLogs", [filter.ToJson()], cancellationToken).ConfigureAwait(false);
        var logs = new List<LogEntry>();
        foreach (var log in RpcJson.Array(result, "eth_getLogs"))
        {
            logs.Add(LogEntry.Parse(log));
        }

        return logs;
    }

    public void Dispose() => _ownedHttp?.Dispose();

    private static string HashParameter(ReadOnlyMemory<byte> hash) =>
        hash.Length == RpcJson.HashLength
            ? RpcHex.FormatData(hash.Span)
            : throw new ArgumentException($"A transaction hash is {RpcJson.HashLength} bytes, not {hash.Length}.", nameof(hash));

    /// <summary>A node that answers about a different transaction than asked is broken; say so rather than mislead.</summary>
    private static T Checked<T>(T value, ReadOnlyMemory<byte> expected, Func<T, byte[]> hashOf) =>
        hashOf(value).AsSpan().SequenceEqual(expected.Span)
            ? value
            : throw new RpcProtocolException($"Asked about transaction {RpcHex.FormatData(expected.Span)}, the node answered about another.");
}
