namespace OpenVpp.Gateway.Capabilities;

/// <summary>
/// What a device can offer demand response right now, as the node's dispatcher needs it. Power limits (the most W it can deliver: discharge or generation; the most it can draw: charging) are always
/// set; the rest only where the device knows it: a battery's energy in store, the owner's reserve and its usable
/// capacity; a plugged-in car's departure and the energy it still needs by then. <see cref="PowerW"/> is the
/// device's own power now (positive delivering), the baseline a setpoint changes.
/// </summary>
public sealed record FlexibilityState(long MaxDeliverW, long MaxDrawW, int? PowerW)
{
    public double? StoredWh { get; init; }

    public double? ReserveWh { get; init; }

    public double? UsableCapacityWh { get; init; }

    public DateTimeOffset? DepartureAt { get; init; }

    public long? EnergyNeededWh { get; init; }
}
