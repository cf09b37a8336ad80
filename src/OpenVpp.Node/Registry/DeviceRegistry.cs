using System.Collections.Concurrent;
using OpenVpp.Core.Devices;

namespace OpenVpp.Node.Registry;

/// <summary>The node's in-memory view of registered devices, loaded at start and kept in step with the device store.</summary>
internal sealed class DeviceRegistry
{
    private readonly ConcurrentDictionary<DeviceId, RegisteredDevice> _devices = new();
    private long _version;

    public int Count => _devices.Count;

    /// <summary>Changes whenever a device is added, replaced or removed, so a reader can cache what it derives from the view.</summary>
    public long Version => Interlocked.Read(ref _version);

    public RegisteredDevice? Find(DeviceId id) => _devices.TryGetValue(id, out var device) ? device : null;

    public void Add(DeviceRecord record)
    {
        if (_devices.TryAdd(record.Id, new RegisteredDevice(record)))
        {
            Interlocked.Increment(ref _version);
        }
    }

    /// <summary>Adds or replaces a device (the chain indexer's view wins: owner changes, deactivation).</summary>
    public void Set(DeviceRecord record)
    {
        _devices.AddOrUpdate(record.Id, _ => new RegisteredDevice(record), (_, _) => new RegisteredDevice(record));
        Interlocked.Increment(ref _version);
    }

    /// <summary>Replaces the whole view, after the indexer rebuilt it from the chain.</summary>
    public void ReplaceAll(IEnumerable<DeviceRecord> records)
    {
        var fresh = records.ToDictionary(r => r.Id);
        foreach (var id in _devices.Keys)
        {
            if (!fresh.ContainsKey(id) && _devices.TryRemove(id, out _))
            {
                Interlocked.Increment(ref _version);
            }
        }

        foreach (var record in fresh.Values)
        {
            Set(record);
        }
    }

    public IReadOnlyList<DeviceRecord> Snapshot() => [.. _devices.Values.Select(d => d.Record)];
}
