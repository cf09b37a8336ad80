using OpenVpp.Core.Devices;

namespace OpenVpp.Storage;

/// <summary>
/// The single writer for readings. Not thread-safe: the node serialises batches. One batch is one transaction,
/// so the stateful checks and the inserts of a whole HTTP batch cost one durable commit.
/// </summary>
public interface IReadingWriter : IDisposable
{
    IReadingWriteBatch Begin();
}

/// <summary>One write transaction; disposing without <see cref="Commit"/> rolls back.</summary>
public interface IReadingWriteBatch : IDisposable
{
    /// <summary>The signed bytes stored for (device, sequence), seeing this batch's own inserts; null when none.</summary>
    byte[]? FindSignedBytes(DeviceId id, ulong sequence);

    void Insert(StoredReading reading);

    /// <summary>
    /// Keeps a reading with a valid signature that was refused as implausible: it is the signed evidence that costs its
    /// device the epoch's reward. Ignored if (device, sequence) is already recorded.
    /// </summary>
    void RecordImplausible(DeviceId id, ulong sequence, long epoch, DateTimeOffset rejectedAt, byte[] signedBytes);

    /// <summary>Commits durably; the readings may be acknowledged once this returns.</summary>
    void Commit();
}
