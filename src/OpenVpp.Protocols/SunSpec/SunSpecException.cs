namespace OpenVpp.Protocols.SunSpec;

/// <summary>
/// A SunSpec-level failure an installer can act on: no "SunS" marker, a model chain that makes no sense, a write to a
/// point that is read-only, missing or out of range. The message is the whole story.
/// </summary>
public sealed class SunSpecException : Exception
{
    public SunSpecException()
    {
    }

    public SunSpecException(string message)
        : base(message)
    {
    }

    public SunSpecException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
