namespace OpenVpp.Chain.Rpc;

/// <summary>
/// The node's answer broke the JSON-RPC or Ethereum encoding rules: not JSON, a wrong id, a result of the wrong
/// shape, a malformed quantity. Not retried: a node that answers nonsense once is not trusted to do better.
/// </summary>
public sealed class RpcProtocolException : Exception
{
    public RpcProtocolException()
    {
    }

    public RpcProtocolException(string message)
        : base(message)
    {
    }

    public RpcProtocolException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
