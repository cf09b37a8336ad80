namespace OpenVpp.Storage;

/// <summary>A sealed epoch: [Start, End), how many readings were accepted in it and their Merkle root (32 zero bytes when empty).</summary>
public sealed record EpochRecord(long Index, DateTimeOffset Start, DateTimeOffset End, int ReadingCount, byte[] Root, DateTimeOffset SealedAt);
