namespace OpenVpp.Chain.Rpc;

/// <summary>Settings of an <see cref="EthRpcClient"/>.</summary>
public sealed record EthRpcClientOptions
{
    public RpcRetryPolicy RetryPolicy { get; init; } = RpcRetryPolicy.Default;

    /// <summary>Largest response accepted, so a broken or hostile node cannot make the client buffer without end.</summary>
    public int MaxResponseBytes { get; init; } = 64 * 1024 * 1024;
}
