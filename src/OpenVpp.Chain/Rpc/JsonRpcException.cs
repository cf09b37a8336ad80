namespace OpenVpp.Chain.Rpc;

/// <summary>
/// The node answered with a JSON-RPC error object. The request reached the node and was refused, so this is never
/// retried: sending it again would get the same answer (or, for a transaction, could act twice).
/// </summary>
public sealed class JsonRpcException : Exception
{
    public JsonRpcException()
        : this("unknown", 0, "JSON-RPC error", null)
    {
    }

    public JsonRpcException(string message)
        : this("unknown", 0, message, null)
    {
    }

    public JsonRpcException(string message, Exception innerException)
        : base(message, innerException)
    {
        Method = "unknown";
        RpcMessage = message;
    }

    public JsonRpcException(string method, long code, string rpcMessage, byte[]? revertData)
        : base($"{method} failed with JSON-RPC error {code}: {rpcMessage}")
    {
        Method = method;
        Code = code;
        RpcMessage = rpcMessage;
        RevertData = revertData;
    }

    /// <summary>The JSON-RPC method that failed, e.g. <c>eth_call</c>.</summary>
    public string Method { get; }

    /// <summary>error.code: -32601 method not found, -32602 invalid params, 3 execution reverted, ...</summary>
    public long Code { get; }

    /// <summary>error.message exactly as the node sent it.</summary>
    public string RpcMessage { get; }

    /// <summary>
    /// The revert payload when error.data carries one (hex, directly or as error.data.data); empty for a revert
    /// without a reason; null when the error is not about a revert at all.
    /// </summary>
    public byte[]? RevertData { get; }

    /// <summary>Whether the node reports that execution reverted (EIP-1474 code 3, or the message says so).</summary>
    public bool IsExecutionReverted =>
        Code == 3 || RpcMessage.Contains("execution reverted", StringComparison.OrdinalIgnoreCase);
}
