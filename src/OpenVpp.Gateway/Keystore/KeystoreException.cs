namespace OpenVpp.Gateway.Keystore;

/// <summary>The keystore cannot be used as it is (unsafe permissions, damaged content); the message says what to do.</summary>
public sealed class KeystoreException : Exception
{
    public KeystoreException()
    {
    }

    public KeystoreException(string message)
        : base(message)
    {
    }

    public KeystoreException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
