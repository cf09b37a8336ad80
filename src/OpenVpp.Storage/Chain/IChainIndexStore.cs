namespace OpenVpp.Storage.Chain;

/// <summary>The chain indexer's state: the blocks it has applied (for reorg detection) and what it learned.</summary>
public interface IChainIndexStore
{
    /// <summary>The most recent applied blocks, newest first (at most <paramref name="count"/>).</summary>
    Task<IReadOnlyList<IndexedBlock>> GetRecentBlocksAsync(int count, CancellationToken cancellationToken = default);

    /// <summary>Applies a batch and records its head block, atomically.</summary>
    Task ApplyAsync(ChainIndexBatch batch, CancellationToken cancellationToken = default);

    /// <summary>Forgets applied blocks above <paramref name="block"/> (their hashes no longer match the chain).</summary>
    Task ForgetBlocksAboveAsync(long block, CancellationToken cancellationToken = default);

    Task<ChainEpochCommit?> GetCommitAsync(long epoch, CancellationToken cancellationToken = default);

    /// <summary>Whether the epoch is currently disputed on chain.</summary>
    Task<bool> IsDisputedAsync(long epoch, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<ChainClaim>> GetClaimsAsync(byte[]? account, CancellationToken cancellationToken = default);
}

/// <summary>A block the indexer has applied, by number and hash.</summary>
public sealed record IndexedBlock(long Number, byte[] Hash);
