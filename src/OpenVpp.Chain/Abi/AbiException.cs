namespace OpenVpp.Chain.Abi;

/// <summary>
/// The one exception the ABI code throws for bad input: a malformed type string, a value that does not fit its
/// type, or encoded data that is truncated, out of range or non-zero where the spec requires zero padding.
/// It derives from <see cref="FormatException"/> so callers that already handle malformed input keep working.
/// </summary>
public sealed class AbiException : FormatException
{
    public AbiException()
    {
    }

    public AbiException(string message)
        : base(message)
    {
    }

    public AbiException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
