namespace OpenVpp.Chain.Reverts;

/// <summary>
/// A contract call reverted: while estimating gas (nothing was sent), or on chain (the transaction was mined with
/// status 0 and its fee paid; <see cref="TransactionHash"/> is set).
/// </summary>
public sealed class ContractRevertException : Exception
{
    public ContractRevertException()
        : this(RevertDecoder.Default.Decode([]), null)
    {
    }

    public ContractRevertException(string message)
        : base(message)
    {
        Reason = RevertDecoder.Default.Decode([]);
    }

    public ContractRevertException(string message, Exception innerException)
        : base(message, innerException)
    {
        Reason = RevertDecoder.Default.Decode([]);
    }

    public ContractRevertException(RevertReason reason, byte[]? transactionHash, Exception? innerException = null)
        : base(Describe(reason, transactionHash), innerException)
    {
        Reason = reason ?? throw new ArgumentNullException(nameof(reason));
        TransactionHash = transactionHash;
    }

    public RevertReason Reason { get; }

    /// <summary>The mined transaction that reverted; null when the revert was caught before sending.</summary>
    public byte[]? TransactionHash { get; }

    private static string Describe(RevertReason reason, byte[]? transactionHash) =>
        (transactionHash is null ? "execution reverted: " : $"transaction 0x{Convert.ToHexStringLower(transactionHash)} reverted: ")
        + reason?.Message;
}
