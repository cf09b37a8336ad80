namespace OpenVpp.Protocols.Mqtt;

/// <summary>What a mapped MQTT value means for the device's readings.</summary>
public enum MqttQuantity
{
    /// <summary>Cumulative energy that flowed into the device (consumption, charging, grid import); never decreases.</summary>
    EnergyImportRegister,

    /// <summary>Cumulative energy that flowed out of the device (generation, discharge, grid export); never decreases.</summary>
    EnergyExportRegister,

    /// <summary>Power now, positive when the device delivers (exports); use <see cref="MqttReadingMapping.Invert"/> for a load that reports consumption as positive.</summary>
    Power,

    /// <summary>State of charge (0–100 %).</summary>
    StateOfCharge,

    /// <summary>State of health (0–100 %).</summary>
    StateOfHealth,
}
