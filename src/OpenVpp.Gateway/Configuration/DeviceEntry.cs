namespace OpenVpp.Gateway.Configuration;

/// <summary>
/// One real device in <c>devices:</c>: its name, what it is, how it is reached (its adapter and connection), its
/// nameplate and where it is. Which connection keys apply depends on <see cref="Adapter"/>.
/// </summary>
public sealed class DeviceEntry
{
    /// <summary>Unique, stable name (the keystore keys identities by it), for example home-1/pv.</summary>
    public string Name { get; set; } = "";

    /// <summary>ocpp, sunspec, p1 or mqtt.</summary>
    public string Adapter { get; set; } = "";

    /// <summary>grid_meter, solar_inverter, battery, ev_charger or household_load; each adapter has a default.</summary>
    public string? Kind { get; set; }

    public long NameplateW { get; set; }

    /// <summary>Usable capacity of a battery, in Wh.</summary>
    public long CapacityWh { get; set; }

    public string? Region { get; set; }

    public string? Site { get; set; }

    /// <summary>sunspec and p1 over TCP: host name or address.</summary>
    public string? Host { get; set; }

    /// <summary>sunspec (default 502) and p1 over TCP.</summary>
    public int? Port { get; set; }

    /// <summary>sunspec: Modbus unit id (default 1).</summary>
    public int? Unit { get; set; }

    /// <summary>sunspec: how often to poll (default 5s).</summary>
    public string? Poll { get; set; }

    /// <summary>p1: serial device, for example /dev/ttyUSB0.</summary>
    public string? Serial { get; set; }

    /// <summary>p1 over serial: 115200 (DSMR 4/5, default) or 9600 (DSMR 2.2/3.0, 7E1).</summary>
    public int? Baud { get; set; }

    /// <summary>p1: the 32-hex-digit key of an encrypted Luxembourg (Smarty) meter, from the grid operator.</summary>
    public string? SmartyKey { get; set; }

    /// <summary>ocpp: the charge point's identity, the last path segment of ws://…/ocpp/{station id}.</summary>
    public string? StationId { get; set; }

    /// <summary>
    /// ocpp: the HTTP Basic password (16 to 40 characters) the charger must present when it connects (OCPP Security
    /// Profile 1; the charger's AuthorizationKey or BasicAuthPassword). Without it any host that reaches the CSMS can
    /// connect as this charger.
    /// </summary>
    public string? Password { get; set; }

    /// <summary>mqtt: a built-in mapping for a common device (shelly-gen2-switch, tasmota-energy, opendtu-inverter, …).</summary>
    public string? Preset { get; set; }

    /// <summary>mqtt: the preset's parameters, for example {topic: livingroom-plug} for tasmota-energy.</summary>
    public Dictionary<string, string> PresetArgs { get; set; } = [];

    /// <summary>mqtt: explicit topic → value mappings, instead of or on top of a preset.</summary>
    public List<MqttMappingEntry> Mappings { get; set; } = [];

    /// <summary>How long without data before the device is marked offline (default: adapter's own).</summary>
    public string? OfflineAfter { get; set; }
}
