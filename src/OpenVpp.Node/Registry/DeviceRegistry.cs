using System.Collections.Concurrent;
using OpenVpp.Core.Devices;

namespace OpenVpp.Node.Registry;

/// <summary>The node's in-memory view of registered devices, loaded at start and kept in step with the device store.</summary>
internal sealed class DeviceRegistry
{
    private readonly ConcurrentDictionary<DeviceId, RegisteredDevice> _devices = new();

    public int Count => _devices.Count;

    public RegisteredDevice? Find(DeviceId id) => _devices.TryGetValue(id, out var device) ? device : null;

    public void Add(DeviceRecord record) => _devices.TryAdd(record.Id, new RegisteredDevice(record));
}
