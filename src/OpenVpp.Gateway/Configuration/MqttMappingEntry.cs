namespace OpenVpp.Gateway.Configuration;

/// <summary>One topic → value mapping of an MQTT device, as written in the config file.</summary>
public sealed class MqttMappingEntry
{
    /// <summary>Topic (wildcards + and # allowed).</summary>
    public string Topic { get; set; } = "";

    /// <summary>JSON path to the value ($.ENERGY.Power); absent when the payload is the number itself.</summary>
    public string? Path { get; set; }

    /// <summary>energy_import, energy_export, power, soc or soh.</summary>
    public string Quantity { get; set; } = "";

    /// <summary>Wh, kWh, MWh, W, kW, % or fraction.</summary>
    public string Unit { get; set; } = "";

    /// <summary>Multiplies the value after unit conversion (default 1).</summary>
    public double Scale { get; set; } = 1;

    /// <summary>Flip the sign of power (for devices that report consumption as positive).</summary>
    public bool Invert { get; set; }
}
