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
public sealed record EpochRewardInputs(
    long Epoch,
    IEnumerable<Reading> AcceptedReadings,
    IReadOnlySet<DeviceId> ImplausibleDevices,
    IReadOnlyDictionary<DeviceId, DeviceRewardProfile> Devices,
    CumulativeRewards Previous,
    RewardParameters Parameters);
