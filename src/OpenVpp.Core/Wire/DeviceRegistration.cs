namespace OpenVpp.Core.Wire;

/// <summary>
/// One device to register. <see cref="PublicKey"/> is the uncompressed P-256 key X || Y as 0x-prefixed hex
/// (128 hex digits); the node derives the device id from it. Kind is a wire name such as "battery".
/// </summary>
public sealed record DeviceRegistration(
    string PublicKey,
    string Owner,
    string Kind,
    long NameplatePowerW,
    long CapacityWh,
    string Region,
    string Site);
