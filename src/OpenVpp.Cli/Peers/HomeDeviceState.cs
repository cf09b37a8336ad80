using OpenVpp.Core.Devices;

namespace OpenVpp.Cli.Peers;

/// <summary>
/// One simulated device as its own hardware would show it: cumulative registers in Wh, current power in W (signed,
/// positive when delivering), state of charge in basis points where it has one.
/// </summary>
internal sealed record HomeDeviceState(
    string Name, DeviceKind Kind, long NameplatePowerW, long CapacityWh, long ImportedWh, long ExportedWh, int PowerW, ushort? StateOfChargeBp);
