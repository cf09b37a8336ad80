using Microsoft.Extensions.Logging;

namespace OpenVpp.Chain.Transactions;

/// <summary>
/// Log messages of <see cref="TransactionSender"/>: hashes, nonces and addresses only. Never the private key and
/// never the raw signed transaction.
/// </summary>
internal static partial class TransactionLog
{
    [LoggerMessage(EventId = 10, Level = LogLevel.Debug, Message = "Sent transaction {Hash} from {From} with nonce {Nonce}")]
    public static partial void Sent(ILogger logger, LogHex hash, OpenVpp.Chain.Crypto.EthAddress from, ulong nonce);

    [LoggerMessage(EventId = 11, Level = LogLevel.Warning,
        Message = "The node refused nonce {Nonce} of {From} ({Reason}); resynced from its pending count to {Next}")]
    public static partial void NonceResynced(ILogger logger, ulong nonce, OpenVpp.Chain.Crypto.EthAddress from, string reason, ulong next);

    [LoggerMessage(EventId = 12, Level = LogLevel.Information,
        Message = "Transaction {Hash} was already with the node when a retried submission answered \"{Reason}\"; treated as sent")]
    public static partial void AlreadySubmitted(ILogger logger, LogHex hash, string reason);

    [LoggerMessage(EventId = 13, Level = LogLevel.Warning,
        Message = "Submitting transaction {Hash} with nonce {Nonce} failed in transport; it may still be mined, so the nonce will be re-read")]
    public static partial void SubmissionUncertain(ILogger logger, LogHex hash, ulong nonce);

    [LoggerMessage(EventId = 14, Level = LogLevel.Debug, Message = "eth_maxPriorityFeePerGas failed ({Reason}); using the fallback tip")]
    public static partial void PriorityFeeFallback(ILogger logger, string reason);
}
