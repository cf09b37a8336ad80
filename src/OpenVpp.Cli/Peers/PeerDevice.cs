using OpenVpp.Core.Devices;

namespace OpenVpp.Cli.Peers;

/// <summary>A device of the configuration served by a peer: its name and the kind of home device that feeds it.</summary>
internal sealed record PeerDevice(string Name, DeviceKind Kind, long NameplatePowerW);
