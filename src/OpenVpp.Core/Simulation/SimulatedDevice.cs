using OpenVpp.Core.Devices;

namespace OpenVpp.Core.Simulation;

/// <summary>One simulated device; <see cref="Name"/> is unique and stable for a seed (for example "home-0007/battery").</summary>
public sealed record SimulatedDevice(string Name, string Site, string Region, DeviceKind Kind, long NameplatePowerW, long CapacityWh);
