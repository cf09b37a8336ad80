using static OpenVpp.Protocols.Mqtt.MqttQuantity;
using static OpenVpp.Protocols.Mqtt.MqttValueUnit;

namespace OpenVpp.Protocols.Mqtt;

/// <summary>
/// Built-in mappings for home-energy devices that publish over MQTT. Topic and payload shapes are taken from the
/// devices' documentation and from public configurations that consume them (sources by each preset).
/// A "consumer" is a load: its device-reported positive power is consumption, so power is inverted (readings count
/// delivery as positive) and its energy counter is the import register; a "producer" (a PV plug) is the other way round.
/// </summary>
public static class MqttPresets
{
    private static readonly MqttPresetParameter Role = new("role", "consumer (a load, the default) or producer (a generator)", "consumer");

    /// <summary>
    /// Shelly Gen2+ (Plus/Pro/Gen3) switch with power metering: JSON status on <c>&lt;id&gt;/status/switch:&lt;n&gt;</c>,
    /// active power in W at <c>apower</c> and the energy counter in Wh at <c>aenergy.total</c>. Sources: Shelly Gen2
    /// API docs (Switch component status: apower W, aenergy.total Wh; MQTT status notifications on
    /// &lt;topic_prefix&gt;/status/&lt;component&gt;:&lt;id&gt;), and the Home Assistant configuration in
    /// gist.github.com/giu1io/2b00e2e1ee69de9b1778f5e3324940ce (state_topic shellies/shellyplus1pm-XXXX/status/switch:0).
    /// </summary>
    public static MqttPreset ShellyGen2Switch { get; } = new(
        "shelly-gen2-switch",
        "Shelly Gen2+ metering switch/plug: <id>/status/switch:<channel>, apower (W), aenergy.total (Wh)",
        [new("id", "the device's MQTT topic prefix, e.g. shellyplusplugs-80646fe1a2b3"), new("channel", "switch channel", "0"), Role],
        p => Metered($"{p["id"]}/status/switch:{p["channel"]}", "$.apower", W, "$.aenergy.total", Wh, p["role"]));

    /// <summary>
    /// Tasmota energy-monitoring plug: telemetry JSON on <c>tele/&lt;topic&gt;/SENSOR</c> with <c>ENERGY.Power</c> (W) and
    /// <c>ENERGY.Total</c> (kWh). Source: Local Bytes knowledge base, "Accessing power usage from Tasmota smart plugs"
    /// (blog.mylocalbytes.com/kb/2022-01-10/LB-PM-Power-Monitoring), which shows a tele/livingroom-lamp/SENSOR payload.
    /// </summary>
    public static MqttPreset TasmotaEnergy { get; } = new(
        "tasmota-energy",
        "Tasmota energy sensor: tele/<topic>/SENSOR, ENERGY.Power (W), ENERGY.Total (kWh)",
        [new("topic", "the device's Tasmota topic, e.g. livingroom-lamp"), Role],
        p => Metered($"tele/{p["topic"]}/SENSOR", "$.ENERGY.Power", W, "$.ENERGY.Total", KWh, p["role"]));

    /// <summary>
    /// OpenDTU (Hoymiles micro-inverters): plain-number topics per inverter, channel 0 being the AC side:
    /// <c>&lt;prefix&gt;/&lt;serial&gt;/0/power</c> (W) and <c>.../0/yieldtotal</c> (kWh). Source: OpenDTU discussion
    /// github.com/tbnobody/OpenDTU/discussions/1900 (opendtu/xxx/0/power, opendtu/xxx/0/yieldtotal; channel 0 is AC).
    /// </summary>
    public static MqttPreset OpenDtuInverter { get; } = new(
        "opendtu-inverter",
        "OpenDTU Hoymiles inverter: <prefix>/<serial>/0/power (W), <prefix>/<serial>/0/yieldtotal (kWh)",
        [new("serial", "the inverter's serial number, e.g. 114182912345"), new("prefix", "OpenDTU's MQTT topic prefix without the trailing /", "solar")],
        p =>
        [
            new MqttReadingMapping($"{p["prefix"]}/{p["serial"]}/0/power", null, Power, W),
            new MqttReadingMapping($"{p["prefix"]}/{p["serial"]}/0/yieldtotal", null, EnergyExportRegister, KWh),
        ]);

    /// <summary>
    /// Zigbee2MQTT metering plug: device state JSON on <c>zigbee2mqtt/&lt;friendly name&gt;</c> with <c>power</c> (W) and
    /// <c>energy</c> (kWh). Source: Zigbee2MQTT device pages, e.g. zigbee2mqtt.io/devices/1822647A.html (exposes
    /// power, energy; state published under zigbee2mqtt/FRIENDLY_NAME).
    /// </summary>
    public static MqttPreset Zigbee2MqttPlug { get; } = new(
        "zigbee2mqtt-plug",
        "Zigbee2MQTT metering plug: zigbee2mqtt/<name>, power (W), energy (kWh)",
        [new("name", "the device's friendly name"), new("base", "Zigbee2MQTT's base topic", "zigbee2mqtt"), Role],
        p => Metered($"{p["base"]}/{p["name"]}", "$.power", W, "$.energy", KWh, p["role"]));

    /// <summary>
    /// dsmr-reader (a P1 smart-meter reader) with split-topic MQTT output: plain numbers on
    /// <c>dsmr/reading/electricity_delivered_1</c>/<c>_2</c> and <c>electricity_returned_1</c>/<c>_2</c> (kWh, per
    /// tariff) and <c>electricity_currently_delivered</c>/<c>_returned</c> (kW). "Delivered" is delivered to the home
    /// (grid import), so it is the import register and negative power. Source: Home Assistant's dsmr_reader
    /// integration definitions (github.com/home-assistant/core/pull/28701: dsmr/reading/electricity_delivered_1 … kWh,
    /// electricity_currently_delivered … kW).
    /// </summary>
    public static MqttPreset DsmrReader { get; } = new(
        "dsmr-reader",
        "dsmr-reader grid meter: dsmr/reading/electricity_{delivered,returned}_{1,2} (kWh), electricity_currently_{delivered,returned} (kW)",
        [new("base", "dsmr-reader's topic base", "dsmr/reading")],
        p =>
        [
            new MqttReadingMapping($"{p["base"]}/electricity_delivered_1", null, EnergyImportRegister, KWh),
            new MqttReadingMapping($"{p["base"]}/electricity_delivered_2", null, EnergyImportRegister, KWh),
            new MqttReadingMapping($"{p["base"]}/electricity_returned_1", null, EnergyExportRegister, KWh),
            new MqttReadingMapping($"{p["base"]}/electricity_returned_2", null, EnergyExportRegister, KWh),
            new MqttReadingMapping($"{p["base"]}/electricity_currently_delivered", null, Power, KW, Invert: true),
            new MqttReadingMapping($"{p["base"]}/electricity_currently_returned", null, Power, KW),
        ]);

    /// <summary>Every built-in preset.</summary>
    public static IReadOnlyList<MqttPreset> All { get; } = [ShellyGen2Switch, TasmotaEnergy, OpenDtuInverter, Zigbee2MqttPlug, DsmrReader];

    /// <summary>The preset named <paramref name="name"/> (case-insensitive), or null.</summary>
    public static MqttPreset? Find(string name) => All.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));

    private static MqttReadingMapping[] Metered(string topic, string powerPath, MqttValueUnit powerUnit, string energyPath, MqttValueUnit energyUnit, string role)
    {
        var consumer = role == "consumer";
        return
        [
            new MqttReadingMapping(topic, powerPath, Power, powerUnit, Invert: consumer),
            new MqttReadingMapping(topic, energyPath, consumer ? EnergyImportRegister : EnergyExportRegister, energyUnit),
        ];
    }
}
