namespace OpenVpp.Core.Simulation;

/// <summary>
/// The control history of a fleet, per device, in time order. A change takes effect at the first interval starting
/// at or after its time, so a change never rewrites an interval already simulated.
/// </summary>
internal sealed class FleetControls
{
    private readonly Dictionary<int, List<ControlChange>> _byDevice = [];

    public bool IsEmpty => _byDevice.Count == 0;

    public IEnumerable<ControlChange> All => _byDevice.Values.SelectMany(changes => changes).OrderBy(c => c.From).ThenBy(c => c.DeviceIndex);

    public void Add(ControlChange change)
    {
        if (!_byDevice.TryGetValue(change.DeviceIndex, out var changes))
        {
            changes = [];
            _byDevice[change.DeviceIndex] = changes;
        }

        // Same time: the later instruction wins, as a device would keep only the last one it received.
        var at = changes.FindLastIndex(c => c.From <= change.From);
        if (at >= 0 && changes[at].From == change.From)
        {
            changes[at] = change;
        }
        else
        {
            changes.Insert(at + 1, change);
        }
    }

    /// <summary>The control a device follows in the interval starting at <paramref name="intervalStart"/>, null for its own.</summary>
    public DeviceControl? ActiveAt(int deviceIndex, DateTimeOffset intervalStart)
    {
        if (!_byDevice.TryGetValue(deviceIndex, out var changes))
        {
            return null;
        }

        for (var i = changes.Count - 1; i >= 0; i--)
        {
            if (changes[i].From <= intervalStart)
            {
                return changes[i].Control;
            }
        }

        return null;
    }
}
