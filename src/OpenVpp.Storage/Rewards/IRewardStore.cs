namespace OpenVpp.Storage.Rewards;

/// <summary>The rewards oracle's computed epochs and their commit transactions.</summary>
public interface IRewardStore
{
    /// <summary>Stores a computed epoch (replacing an earlier computation of it that was never committed).</summary>
    Task SaveAsync(EpochRewardRecord record, CancellationToken cancellationToken = default);

    Task SetCommitAsync(long epoch, byte[] txHash, long gasUsed, CancellationToken cancellationToken = default);

    Task<EpochRewardRecord?> GetAsync(long epoch, CancellationToken cancellationToken = default);

    /// <summary>The computed epoch with the highest index, or null.</summary>
    Task<EpochRewardRecord?> GetLatestAsync(CancellationToken cancellationToken = default);

    /// <summary>Computed epochs below <paramref name="epoch"/> whose commit transaction is not recorded, oldest first.</summary>
    Task<IReadOnlyList<long>> ListUncommittedBeforeAsync(long epoch, CancellationToken cancellationToken = default);

    /// <summary>The computed epoch whose reward root is <paramref name="rewardRoot"/>, newest first, or null.</summary>
    Task<EpochRewardRecord?> FindByRewardRootAsync(byte[] rewardRoot, CancellationToken cancellationToken = default);

    /// <summary>The latest epoch whose commit transaction is recorded, or null.</summary>
    Task<EpochRewardRecord?> GetLatestCommittedAsync(CancellationToken cancellationToken = default);
}
