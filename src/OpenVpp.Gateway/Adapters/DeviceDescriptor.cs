using OpenVpp.Core.Devices;

namespace OpenVpp.Gateway.Adapters;

/// <summary>
/// A device an adapter owns, as the gateway enrolls it. <see cref="Name"/> is unique within the gateway and stable
/// across restarts (for example "home-0007/battery"): the keystore keys device identities by it.
/// </summary>
public sealed record DeviceDescriptor(string Name, DeviceKind Kind, long NameplatePowerW, long CapacityWh, string Region, string Site);
