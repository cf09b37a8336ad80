using OpenVpp.Core.Devices;

namespace OpenVpp.Gateway.Adapters.SunSpec;

/// <summary>
/// One Modbus unit behind a SunSpec endpoint, enrolled as one device.
/// </summary>
/// <param name="UnitId">Modbus unit id (1-247; many inverters answer on 1, meters behind an inverter on 2 or 240).</param>
/// <param name="DeviceName">The device's stable name in the gateway, for example "home-0007/pv".</param>
/// <param name="Kind">
/// <see cref="DeviceKind.SolarInverter"/>, <see cref="DeviceKind.Battery"/> or <see cref="DeviceKind.GridMeter"/>; checked
/// against the models the unit has (an inverter model, a storage model, a meter model).
/// </param>
/// <param name="Region">Grid region, as registered on the chain (for example "NL-NH").</param>
/// <param name="Site">The site (home) the device belongs to.</param>
/// <param name="NameplatePowerW">Rated power in W; also the base of a power limit when the device reports no rating.</param>
/// <param name="CapacityWh">Storage capacity in Wh (batteries; 0 otherwise).</param>
public sealed record SunSpecUnitOptions(
    byte UnitId,
    string DeviceName,
    DeviceKind Kind,
    string Region,
    string Site,
    long NameplatePowerW,
    long CapacityWh = 0);
