namespace OpenVpp.Node.Api;

// The node's own JSON shapes (snake_case via NodeJsonContext). Hashes and byte strings are 0x-hex, instants ISO 8601 UTC.

/// <summary>A registered device.</summary>
public sealed record DeviceView(
    string DeviceId,
    string PublicKey,
    string Owner,
    string Kind,
    long NameplatePowerW,
    long CapacityWh,
    string Region,
    string Site,
    DateTimeOffset RegisteredAt);

/// <summary>One page of devices; <see cref="NextOffset"/> is null on the last page.</summary>
public sealed record DevicePage(IReadOnlyList<DeviceView> Items, int Offset, int Limit, int? NextOffset);

/// <summary>A stored reading: decoded fields plus the signed bytes and where it sits in the commitment.</summary>
public sealed record ReadingView(
    string DeviceId,
    ulong Sequence,
    DateTimeOffset IntervalStart,
    DateTimeOffset IntervalEnd,
    long EnergyImportedWh,
    long EnergyExportedWh,
    int AveragePowerW,
    int PeakPowerW,
    int? StateOfChargeBp,
    int? StateOfHealthBp,
    int Flags,
    DateTimeOffset AcceptedAt,
    long Epoch,
    string Leaf,
    string SignedReading);

/// <summary>A device's readings with interval start in [From, To).</summary>
public sealed record ReadingList(string DeviceId, DateTimeOffset From, DateTimeOffset To, IReadOnlyList<ReadingView> Items);

/// <summary>Per-kind sums for one interval of a region.</summary>
public sealed record KindTotal(string Kind, long EnergyImportedWh, long EnergyExportedWh, int DeviceCount);

/// <summary>A region's sums for readings whose interval starts at <see cref="IntervalStart"/>.</summary>
public sealed record IntervalTotal(DateTimeOffset IntervalStart, long EnergyImportedWh, long EnergyExportedWh, int DeviceCount, IReadOnlyList<KindTotal> ByKind);

/// <summary>Region totals per interval start in [From, To).</summary>
public sealed record RegionTotals(string Region, DateTimeOffset From, DateTimeOffset To, IReadOnlyList<IntervalTotal> Intervals);

/// <summary>A sealed epoch.</summary>
/// <remarks>With a chain: the oracle's reward root and issuance for the epoch, and its commit transaction once mined.</remarks>
public sealed record EpochView(long Index, DateTimeOffset Start, DateTimeOffset End, int ReadingCount, string Root, DateTimeOffset SealedAt)
{
    public string? RewardRoot { get; init; }

    public string? Issued { get; init; }

    public string? CommitTx { get; init; }

    public long? CommitGas { get; init; }
}

/// <summary>One page of sealed epochs, newest first.</summary>
public sealed record EpochPage(IReadOnlyList<EpochView> Items, int Offset, int Limit, int? NextOffset);

/// <summary>Everything needed to recompute an epoch's root: the epoch and its signed readings as 0x-hex.</summary>
public sealed record EpochExport(EpochView Epoch, IReadOnlyList<string> Readings);

/// <summary>Inclusion proof of one reading: MerkleProof.verify(proof, root, leaf) holds.</summary>
public sealed record ReadingProof(string DeviceId, ulong Sequence, long Epoch, string Leaf, string Root, IReadOnlyList<string> Proof);

/// <summary>What the store holds.</summary>
public sealed record StoredTotals(long Devices, long Readings, long SealedEpochs);

/// <summary>Ingest outcomes since start and stored totals.</summary>
public sealed record NodeStats(DateTimeOffset Since, long Accepted, IReadOnlyDictionary<string, long> Rejected, StoredTotals Stored);

/// <summary>Liveness.</summary>
public sealed record HealthStatus(string Status);
