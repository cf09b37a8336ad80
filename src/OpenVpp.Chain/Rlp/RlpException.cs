namespace OpenVpp.Chain.Rlp;

/// <summary>Input is not canonical RLP, or an RLP item does not have the shape a caller expected.</summary>
public sealed class RlpException : Exception
{
    public RlpException()
    {
    }

    public RlpException(string message)
        : base(message)
    {
    }

    public RlpException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
