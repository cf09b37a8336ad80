using System.Net;

namespace OpenVpp.Chain.Rpc;

/// <summary>
/// The request could not be completed at the transport level after every attempt the retry policy allowed:
/// connection refused or reset, a timeout, or HTTP 429/5xx. Whether the node saw the request is unknown, which
/// matters for transactions: one that "failed" this way may still be mined.
/// </summary>
public sealed class RpcTransportException : Exception
{
    public RpcTransportException()
    {
    }

    public RpcTransportException(string message)
        : base(message)
    {
    }

    public RpcTransportException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public RpcTransportException(string method, int attempts, HttpStatusCode? statusCode, Exception innerException)
        : base($"{method} failed at the transport level after {attempts} attempt(s): {innerException?.Message}", innerException)
    {
        Method = method;
        Attempts = attempts;
        StatusCode = statusCode;
    }

    public string Method { get; } = "unknown";

    public int Attempts { get; }

    /// <summary>The HTTP status of the last attempt, when it got that far.</summary>
    public HttpStatusCode? StatusCode { get; }
}
