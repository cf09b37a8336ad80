namespace OpenVpp.Core.Devices;

/// <summary>
/// A registered device as the node knows it. Nameplate values bound plausibility checks:
/// <paramref name="NameplatePowerW"/> is the most power the device can import or export,
/// <paramref name="CapacityWh"/> the usable storage (0 for devices that store nothing).
/// A deactivated device (<paramref name="Active"/> false) stays known but its readings are refused.
/// </summary>
public sealed record DeviceRecord(
    DeviceId Id,
    byte[] PublicKey,
    string Owner,
    DeviceKind Kind,
    long NameplatePowerW,
    long CapacityWh,
    string Region,
    string Site,
    DateTimeOffset RegisteredAt,
    bool Active = true);
