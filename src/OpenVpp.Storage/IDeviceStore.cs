using OpenVpp.Core.Devices;

namespace OpenVpp.Storage;

/// <summary>The device registry as the node stores it.</summary>
public interface IDeviceStore
{
    /// <summary>Every registered device, for the node's in-memory registry at start.</summary>
    Task<IReadOnlyList<DeviceRecord>> LoadAllAsync(CancellationToken cancellationToken = default);

    /// <summary>Adds the devices not yet present in one transaction; returns for each whether it was added (false: already there).</summary>
    Task<IReadOnlyList<bool>> AddAsync(IReadOnlyList<DeviceRecord> devices, CancellationToken cancellationToken = default);

    Task<DeviceRecord?> GetAsync(DeviceId id, CancellationToken cancellationToken = default);

    /// <summary>Devices ordered by id, optionally filtered by region and kind.</summary>
    Task<IReadOnlyList<DeviceRecord>> ListAsync(string? region, DeviceKind? kind, int offset, int limit, CancellationToken cancellationToken = default);
}
