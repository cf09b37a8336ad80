namespace OpenVpp.Storage;

/// <summary>Sealed epochs and the readings each one commits to.</summary>
public interface IEpochStore
{
    /// <summary>The highest sealed epoch index, or null when none is sealed.</summary>
    Task<long?> GetLastSealedAsync(CancellationToken cancellationToken = default);

    Task SaveAsync(IReadOnlyList<EpochRecord> epochs, CancellationToken cancellationToken = default);

    Task<EpochRecord?> GetAsync(long index, CancellationToken cancellationToken = default);

    /// <summary>Sealed epochs, newest first.</summary>
    Task<IReadOnlyList<EpochRecord>> ListAsync(int offset, int limit, CancellationToken cancellationToken = default);

    /// <summary>Leaf hashes of the readings accepted in an epoch.</summary>
    Task<IReadOnlyList<byte[]>> GetLeavesAsync(long index, CancellationToken cancellationToken = default);

    /// <summary>The signed readings accepted in an epoch, in acceptance order.</summary>
    Task<IReadOnlyList<byte[]>> GetSignedReadingsAsync(long index, CancellationToken cancellationToken = default);

    /// <summary>The signed readings refused as implausible in an epoch (evidence for the rewards oracle).</summary>
    Task<IReadOnlyList<byte[]>> GetImplausibleReadingsAsync(long index, CancellationToken cancellationToken = default);

    /// <summary>A value kept across restarts (for example the first epoch this node sealed).</summary>
    Task<long?> GetSettingAsync(string key, CancellationToken cancellationToken = default);

    Task SetSettingAsync(string key, long value, CancellationToken cancellationToken = default);
}
