namespace OpenVpp.Chain.Wallets;

/// <summary>A wallet that cannot be created or loaded; the message says what to do.</summary>
public sealed class WalletException : Exception
{
    public WalletException()
    {
    }

    public WalletException(string message)
        : base(message)
    {
    }

    public WalletException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
