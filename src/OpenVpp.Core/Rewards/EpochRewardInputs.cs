using OpenVpp.Core.Devices;
using OpenVpp.Core.Readings;

namespace OpenVpp.Core.Rewards;

/// <summary>Everything an epoch's rewards depend on; two parties holding equal inputs compute equal roots.</summary>
/// <param name="Epoch">The epoch being settled.</param>
/// <param name="AcceptedReadings">The epoch's accepted readings, in any order.</param>
/// <param name="ImplausibleDevices">Devices with a reading rejected as implausible in the epoch.</param>
/// <param name="Devices">Reward profiles of registered devices, by id.</param>
/// <param name="Previous">Cumulative rewards after the previous epoch (<see cref="CumulativeRewards.Empty"/> at genesis).</param>
/// <param name="Parameters">The network's reward rules.</param>
/// <param name="Flexibility">
/// Verified demand-response delivery credited in this epoch: per device and event measured during the epoch, its
/// performance-capped Wh. Baselines lie outside the epoch's readings, so the oracle publishes these as inputs.
/// </param>
public sealed record EpochRewardInputs(
    long Epoch,
    IEnumerable<Reading> AcceptedReadings,
    IReadOnlySet<DeviceId> ImplausibleDevices,
    IReadOnlyDictionary<DeviceId, DeviceRewardProfile> Devices,
    CumulativeRewards Previous,
    RewardParameters Parameters,
    IReadOnlyList<FlexibilityCredit>? Flexibility = null)
{
    /// <summary>The credits summed per device.</summary>
    public IReadOnlyDictionary<DeviceId, long> FlexibilityWhByDevice() =>
        (Flexibility ?? []).GroupBy(c => c.DeviceId).ToDictionary(g => g.Key, g => g.Sum(c => c.Wh));
}

/// <summary>One device's verified delivery in one demand-response event, Wh (performance-capped).</summary>
public sealed record FlexibilityCredit(DeviceId DeviceId, string EventId, long Wh);
