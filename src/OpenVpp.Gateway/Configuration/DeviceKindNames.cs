using OpenVpp.Core.Devices;

namespace OpenVpp.Gateway.Configuration;

/// <summary>The snake_case names of <see cref="DeviceKind"/> used in config files.</summary>
public static class DeviceKindNames
{
    private static readonly Dictionary<string, DeviceKind> ByName = new(StringComparer.OrdinalIgnoreCase)
    {
        ["grid_meter"] = DeviceKind.GridMeter,
        ["solar_inverter"] = DeviceKind.SolarInverter,
        ["battery"] = DeviceKind.Battery,
        ["ev_charger"] = DeviceKind.EvCharger,
        ["household_load"] = DeviceKind.HouseholdLoad,
    };

    public static string All => string.Join(", ", ByName.Keys);

    public static bool TryParse(string? name, out DeviceKind kind) => ByName.TryGetValue(name ?? "", out kind);

    public static string NameOf(DeviceKind kind) => ByName.First(p => p.Value == kind).Key;
}
