using OpenVpp.Core.Devices;

namespace OpenVpp.Storage;

/// <summary>Read side of the reading store: queries and the state ingest needs at start.</summary>
public interface IReadingStore
{
    /// <summary>Latest accepted sequence and interval end per device.</summary>
    Task<IReadOnlyDictionary<DeviceId, DeviceReadingState>> LoadDeviceStatesAsync(CancellationToken cancellationToken = default);

    /// <summary>Latest accepted_at over all readings, or null when none.</summary>
    Task<DateTimeOffset?> GetLatestAcceptedAtAsync(CancellationToken cancellationToken = default);

    /// <summary>A device's readings whose interval starts in [fromInclusive, toExclusive), by interval start.</summary>
    Task<IReadOnlyList<StoredReading>> GetByDeviceAsync(DeviceId id, DateTimeOffset fromInclusive, DateTimeOffset toExclusive, int limit, CancellationToken cancellationToken = default);

    Task<ReadingLocation?> FindAsync(DeviceId id, ulong sequence, CancellationToken cancellationToken = default);

    /// <summary>Per interval start and device kind, the region's summed energies and device count for intervals starting in [fromInclusive, toExclusive).</summary>
    Task<IReadOnlyList<RegionKindTotal>> GetRegionTotalsAsync(string region, DateTimeOffset fromInclusive, DateTimeOffset toExclusive, CancellationToken cancellationToken = default);

    Task<StoreCounts> CountAsync(CancellationToken cancellationToken = default);
}
