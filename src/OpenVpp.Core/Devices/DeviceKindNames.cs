namespace OpenVpp.Core.Devices;

/// <summary>Stable snake_case names for device kinds, used on the wire and in stores.</summary>
public static class DeviceKindNames
{
    public static string ToWire(this DeviceKind kind) => kind switch
    {
        DeviceKind.GridMeter => "grid_meter",
        DeviceKind.SolarInverter => "solar_inverter",
        DeviceKind.Battery => "battery",
        DeviceKind.EvCharger => "ev_charger",
        DeviceKind.HouseholdLoad => "household_load",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown device kind."),
    };

    public static bool TryParse(string? text, out DeviceKind kind)
    {
        kind = text switch
        {
            "grid_meter" => DeviceKind.GridMeter,
            "solar_inverter" => DeviceKind.SolarInverter,
            "battery" => DeviceKind.Battery,
            "ev_charger" => DeviceKind.EvCharger,
            "household_load" => DeviceKind.HouseholdLoad,
            _ => 0,
        };
        return kind != 0;
    }
}
