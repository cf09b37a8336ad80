using OpenVpp.Core.Devices;

namespace OpenVpp.Core.DemandResponse.Dispatch;

/// <summary>
/// Checks a setpoint against the device it is for, independently of how it was computed: within power limits, a
/// battery held at it through the window stays between reserve and capacity, a car still gets its energy by
/// departure. Used to prove plans safe and to count limit violations in a run.
/// </summary>
public static class SetpointLimits
{
    /// <summary>Slack for floating-point rounding, W or Wh.</summary>
    private const double Tolerance = 1e-6;

    /// <summary>The limit <paramref name="setpoint"/> breaks on <paramref name="d"/> over <paramref name="window"/>, or null.</summary>
    public static string? Violation(in FlexibleDevice d, DeviceSetpoint setpoint, DispatchWindow window)
    {
        var hours = window.Hours;
        var w = setpoint.W;
        switch (setpoint.Kind)
        {
            case SetpointKind.None:
                return null;
            case SetpointKind.BatteryPowerW when d.Kind == DeviceKind.Battery:
                if (w > d.MaxDeliverW + Tolerance || w < -d.MaxDrawW - Tolerance)
                {
                    return $"battery setpoint {w:0.#} W is outside [-{d.MaxDrawW:0.#}, {d.MaxDeliverW:0.#}] W";
                }

                var endWh = w >= 0 ? d.StoredWh - (w * hours / d.Efficiency) : d.StoredWh - (w * hours * d.Efficiency);
                return endWh < Math.Min(d.ReserveWh, d.StoredWh) - Tolerance ? $"the battery would end at {endWh:0.#} Wh, under its reserve of {d.ReserveWh:0.#} Wh"
                    : endWh > d.CapacityWh + Tolerance ? $"the battery would end at {endWh:0.#} Wh, over its capacity of {d.CapacityWh:0.#} Wh"
                    : null;
            case SetpointKind.ChargingLimitW when d.Kind == DeviceKind.EvCharger:
                if (w < -Tolerance || w > d.MaxDrawW + Tolerance)
                {
                    return $"charging limit {w:0.#} W is outside [0, {d.MaxDrawW:0.#}] W";
                }

                var pluggedEnd = d.DepartureAt < window.End ? d.DepartureAt : window.End;
                var inWindowHours = Math.Max(0, (pluggedEnd - window.From).TotalHours);
                var afterHours = Math.Max(0, (d.DepartureAt - window.End).TotalHours);
                var deliverableWh = (Math.Min(w, -d.BaselineW) * inWindowHours) + (d.MaxDrawW * afterHours);
                var neededWh = Math.Min(d.EnergyNeededWh, (-d.BaselineW * inWindowHours) + (d.MaxDrawW * afterHours));
                return deliverableWh < neededWh - Tolerance ? $"the car would leave {neededWh - deliverableWh:0.#} Wh short" : null;
            case SetpointKind.GenerationLimitW when d.Kind == DeviceKind.SolarInverter:
                return w < -Tolerance || w > d.MaxDeliverW + Tolerance ? $"generation limit {w:0.#} W is outside [0, {d.MaxDeliverW:0.#}] W" : null;
            default:
                return $"a {setpoint.Kind} setpoint does not apply to a {d.Kind}";
        }
    }
}
