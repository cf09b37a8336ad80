using Microsoft.Extensions.Logging;

namespace OpenVpp.Node.Chain;

internal static partial class NodeChainLog
{
    [LoggerMessage(EventId = 100, Level = LogLevel.Information,
        Message = "Indexed blocks {From}-{To}: {Registrations} device registrations, {Commits} epoch commits, {Claims} claims, {Disputes} dispute events")]
    public static partial void Indexed(ILogger logger, long from, long to, int registrations, int commits, int claims, int disputes);

    [LoggerMessage(EventId = 101, Level = LogLevel.Warning,
        Message = "Reorg: block {Block} the indexer applied is no longer on the chain; rebuilding the chain index from deployment block {Deployment}")]
    public static partial void ReorgDetected(ILogger logger, long block, long deployment);

    [LoggerMessage(EventId = 102, Level = LogLevel.Warning,
        Message = "Chain indexing via {Rpc} failed ({Error}); attempt {Failures}, retrying with backoff. Check that the RPC endpoint is up")]
    public static partial void IndexingFailed(ILogger logger, Uri rpc, string error, int failures);

    [LoggerMessage(EventId = 103, Level = LogLevel.Information,
        Message = "Committed epoch {Epoch}: data root {DataRoot}, reward root {RewardRoot}, issued {Issued} base units to {Owners} owners; tx {Tx}, {Gas} gas")]
    public static partial void EpochCommitted(ILogger logger, long epoch, string dataRoot, string rewardRoot, string issued, int owners, string tx, ulong gas);

    [LoggerMessage(EventId = 104, Level = LogLevel.Warning,
        Message = "Committing epoch {Epoch} failed ({Error}); retrying. The oracle account needs ETH for gas and ORACLE_ROLE on the ledger")]
    public static partial void CommitFailed(ILogger logger, long epoch, string error);

    [LoggerMessage(EventId = 105, Level = LogLevel.Information,
        Message = "Epoch {Epoch} was already committed on chain (tx {Tx}); recorded it without sending again")]
    public static partial void CommitFoundOnChain(ILogger logger, long epoch, string tx);

    [LoggerMessage(EventId = 106, Level = LogLevel.Warning,
        Message = "The rewards oracle cannot read the ledger via {Rpc} ({Error}); retrying with backoff. Sealed epochs wait and are committed in order once it answers")]
    public static partial void LedgerUnreachable(ILogger logger, Uri rpc, string error);

    [LoggerMessage(EventId = 107, Level = LogLevel.Error,
        Message = "The rewards oracle failed ({Error}); attempt {Failures}, retrying with backoff")]
    public static partial void OracleFailed(ILogger logger, string error, int failures);

    [LoggerMessage(EventId = 108, Level = LogLevel.Debug,
        Message = "The rewards oracle holds epoch {Epoch} until demand-response event {EventId}, which settles in it, is measured")]
    public static partial void OracleWaitsForDemandResponse(ILogger logger, long epoch, string eventId);
}
