namespace OpenVpp.Protocols.Mqtt;

/// <summary>
/// What one message changed on a device, in reading units: both registers (Wh) or neither, power (W), state of
/// charge and health (basis points). Null where the message said nothing about it.
/// </summary>
public readonly record struct MqttDeviceValues(
    double? ImportedWh,
    double? ExportedWh,
    double? PowerW,
    double? StateOfChargeBp,
    double? StateOfHealthBp);
