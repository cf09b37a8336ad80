using OpenVpp.Core.Devices;
using OpenVpp.Core.Readings;

namespace OpenVpp.Core.Rewards;

/// <summary>
/// Turns an epoch's accepted readings into per-device contributions and points. The result depends only on the set
/// of readings, never on their order, so a verifier holding the exported readings gets the same rows.
/// </summary>
public static class ContributionScorer
{
    private static readonly Comparer<DeviceId> ByDeviceId = Comparer<DeviceId>.Create((a, b) => a.Bytes.SequenceCompareTo(b.Bytes));

    /// <param name="acceptedReadings">Readings the node accepted in the epoch (so they passed the plausibility rules).</param>
    /// <param name="implausibleDevices">Devices with at least one reading rejected as implausible in the epoch.</param>
    /// <param name="devices">Reward profiles by device id; readings of other devices are counted and skipped.</param>
    /// <param name="parameters">The network's reward rules.</param>
    /// <param name="flexibilityWh">Verified demand-response delivery credited this epoch, Wh per device (none when null).</param>
    public static ContributionScores Score(
        IEnumerable<Reading> acceptedReadings,
        IReadOnlySet<DeviceId> implausibleDevices,
        IReadOnlyDictionary<DeviceId, DeviceRewardProfile> devices,
        RewardParameters parameters,
        IReadOnlyDictionary<DeviceId, long>? flexibilityWh = null)
    {
        ArgumentNullException.ThrowIfNull(acceptedReadings);
        ArgumentNullException.ThrowIfNull(implausibleDevices);
        ArgumentNullException.ThrowIfNull(devices);
        ArgumentNullException.ThrowIfNull(parameters);
        CheckProfiles(devices);

        var distinct = new Dictionary<(DeviceId Device, ulong Sequence), Reading>();
        long unknown = 0, duplicates = 0;
        foreach (var reading in acceptedReadings)
        {
            ArgumentNullException.ThrowIfNull(reading, nameof(acceptedReadings));
            if (!devices.ContainsKey(reading.DeviceId))
            {
                unknown++;
                continue;
            }

            CheckReading(reading, nameof(acceptedReadings));
            var key = (reading.DeviceId, reading.Sequence);
            if (distinct.TryGetValue(key, out var kept))
            {
                duplicates++;
                distinct[key] = CanonicalFirst(kept, reading);
            }
            else
            {
                distinct.Add(key, reading);
            }
        }

        var tallies = new SortedDictionary<DeviceId, DeviceTally>(ByDeviceId);
        foreach (var reading in distinct.Values)
        {
            TallyFor(tallies, devices[reading.DeviceId]).Add(reading);
        }

        foreach (var (id, wh) in flexibilityWh ?? new Dictionary<DeviceId, long>())
        {
            if (wh < 0)
            {
                throw new ArgumentException($"Device {id} has negative flexibility ({wh} Wh).", nameof(flexibilityWh));
            }

            if (wh > 0 && devices.TryGetValue(id, out var profile))
            {
                TallyFor(tallies, profile).AddFlexibility(wh);
            }
        }

        // A flagged device with nothing accepted still gets a row, so the export shows why it earned nothing.
        foreach (var id in implausibleDevices)
        {
            if (devices.TryGetValue(id, out var profile))
            {
                TallyFor(tallies, profile);
            }
        }

        var contributions = tallies
            .Select(t => t.Value.ToContribution(implausibleDevices.Contains(t.Key), parameters))
            .ToArray();
        return new ContributionScores(contributions, unknown, duplicates);
    }

    private static DeviceTally TallyFor(SortedDictionary<DeviceId, DeviceTally> tallies, DeviceRewardProfile profile)
    {
        if (!tallies.TryGetValue(profile.Id, out var tally))
        {
            tally = new DeviceTally(profile);
            tallies.Add(profile.Id, tally);
        }

        return tally;
    }

    /// <summary>
    /// Of two readings with one device and sequence number, the one whose canonical encoding sorts first. Ingest never
    /// accepts both, but if an input ever holds two, picking by content rather than position keeps the result
    /// independent of reading order.
    /// </summary>
    private static Reading CanonicalFirst(Reading a, Reading b) =>
        a == b || ReadingCodec.Encode(a).AsSpan().SequenceCompareTo(ReadingCodec.Encode(b)) <= 0 ? a : b;

    private static void CheckProfiles(IReadOnlyDictionary<DeviceId, DeviceRewardProfile> devices)
    {
        foreach (var (id, profile) in devices)
        {
            if (profile is null || profile.Id != id)
            {
                throw new ArgumentException($"The reward profile filed under device {id} is {(profile is null ? "missing" : $"for device {profile.Id}")}.", nameof(devices));
            }

            if (profile.CapacityWh < 0)
            {
                throw new ArgumentException($"Device {id} has a negative capacity ({profile.CapacityWh} Wh).", nameof(devices));
            }
        }
    }

    /// <summary>
    /// Accepted readings passed the plausibility rules, so these never fire on a node's own data; they stop a corrupt
    /// export from quietly producing negative energy or time, and so a different reward root.
    /// </summary>
    private static void CheckReading(Reading reading, string paramName)
    {
        if (reading.EnergyImportedWh < 0 || reading.EnergyExportedWh < 0)
        {
            throw new ArgumentException($"Reading {reading.Sequence} of device {reading.DeviceId} has negative energy.", paramName);
        }

        if (reading.IntervalEnd < reading.IntervalStart)
        {
            throw new ArgumentException($"Reading {reading.Sequence} of device {reading.DeviceId} ends before it starts.", paramName);
        }
    }
}
