using OpenVpp.Core.Accounts;
using OpenVpp.Core.Devices;

namespace OpenVpp.Core.Rewards;

/// <summary>What the rewards oracle needs to know about a registered device: whom it pays and what it can store.</summary>
/// <param name="Id">The device.</param>
/// <param name="Owner">The account its rewards go to.</param>
/// <param name="Kind">What the device is, which decides what it earns for.</param>
/// <param name="CapacityWh">Usable storage of a battery; counted only for <see cref="DeviceKind.Battery"/>.</param>
public sealed record DeviceRewardProfile(DeviceId Id, AccountAddress Owner, DeviceKind Kind, long CapacityWh);
