namespace OpenVpp.Protocols.Dsmr;

/// <summary>
/// A device on the meter's M-Bus (channel 1–4): gas (type 3), water (7), heat (4), … with its last reading and
/// when the device took it (gas meters report hourly in DSMR 4, every 5 minutes in DSMR 5).
/// </summary>
public sealed record P1MBusDevice(int Channel, int? DeviceType, string? EquipmentId, P1Quantity? Reading, P1Timestamp? ReadAt, int? ValvePosition)
{
    /// <summary>"gas", "water", "heat", … from <see cref="DeviceType"/>; null when the telegram does not say.</summary>
    public string? DeviceTypeName => DeviceType is { } t ? ObisRegistry.MBusDeviceTypeName(t) : null;
}
