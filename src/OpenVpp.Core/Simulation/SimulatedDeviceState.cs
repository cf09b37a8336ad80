using OpenVpp.Core.Devices;

namespace OpenVpp.Core.Simulation;

/// <summary>
/// A simulated device's state as a dispatcher sees it before an interval: a battery's stored energy, reserve and
/// usable capacity; a plugged-in car's departure and the energy it still needs; the control it follows, if any.
/// Fields that do not apply to the device (or a charger with no car) are null.
/// </summary>
public sealed record SimulatedDeviceState(DeviceKind Kind, long NameplatePowerW, DeviceControl? Control)
{
    public double? StoredWh { get; init; }

    public double? ReserveWh { get; init; }

    public double? UsableCapacityWh { get; init; }

    public DateTimeOffset? DepartureAt { get; init; }

    public long? RemainingNeedWh { get; init; }
}
