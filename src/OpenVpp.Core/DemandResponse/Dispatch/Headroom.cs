using OpenVpp.Core.Devices;

namespace OpenVpp.Core.DemandResponse.Dispatch;

/// <summary>
/// How many W of flexibility a device can hold for the rest of the window, in the direction the target needs, without
/// breaking any of its limits: power limits, a battery's reserve and capacity (spread over the window), a car's
/// energy need by departure. Pure and allocation-free, so it runs a million times in a few milliseconds.
/// </summary>
public static class Headroom
{
    public static double W(in FlexibleDevice d, bool moreDelivery, DispatchWindow window)
    {
        var hours = window.Hours;
        if (hours <= 0)
        {
            return 0;
        }

        var headroom = (d.Kind, moreDelivery) switch
        {
            (DeviceKind.Battery, true) => BatteryDischarge(d, SustainableBaselineW(d, window), hours),
            (DeviceKind.Battery, false) => BatteryCharge(d, SustainableBaselineW(d, window), hours),
            (DeviceKind.EvCharger, true) => EvReduction(d, window),
            (DeviceKind.SolarInverter, false) => d.BaselineW,
            _ => 0,
        };
        return Math.Max(0, headroom);
    }

    /// <summary>
    /// The baseline a battery can actually hold through the window: its own plan, but never more discharge than its
    /// store above the reserve allows nor more charge than its room allows (its controller would stop there anyway).
    /// Setpoints are built from this, so a setpoint never asks for what the store cannot give.
    /// </summary>
    public static double SustainableBaselineW(in FlexibleDevice d, DispatchWindow window)
    {
        var hours = window.Hours;
        if (d.Kind != DeviceKind.Battery || hours <= 0)
        {
            return d.BaselineW;
        }

        var maxDischargeW = Math.Max(0, d.StoredWh - d.ReserveWh) * d.Efficiency / hours;
        var maxChargeW = Math.Max(0, d.CapacityWh - d.StoredWh) / (d.Efficiency * hours);
        return Math.Clamp(d.BaselineW, -Math.Min(maxChargeW, d.MaxDrawW), Math.Min(maxDischargeW, d.MaxDeliverW));
    }

    // Delivering baseline + h for the whole window must neither pass the discharge limit nor take the cells under the
    // reserve: (baseline + h) × hours ≤ (stored − reserve) × efficiency.
    private static double BatteryDischarge(in FlexibleDevice d, double baselineW, double hours) =>
        Math.Min(d.MaxDeliverW - baselineW, (Math.Max(0, d.StoredWh - d.ReserveWh) * d.Efficiency / hours) - baselineW);

    // Drawing −(baseline − h) for the window must stay under the charge limit and fit the room left:
    // (h − baseline) × hours × efficiency ≤ capacity − stored.
    private static double BatteryCharge(in FlexibleDevice d, double baselineW, double hours) =>
        Math.Min(d.MaxDrawW + baselineW, (Math.Max(0, d.CapacityWh - d.StoredWh) / (d.Efficiency * hours)) + baselineW);

    // Charging at (charging − r) while plugged in during the window, then at the charger's maximum until departure,
    // must still deliver the energy the car needs.
    private static double EvReduction(in FlexibleDevice d, DispatchWindow window)
    {
        var chargingW = -d.BaselineW;
        var pluggedEnd = d.DepartureAt < window.End ? d.DepartureAt : window.End;
        var inWindowHours = (pluggedEnd - window.From).TotalHours;
        if (chargingW <= 0 || inWindowHours <= 0)
        {
            return 0;
        }

        var afterHours = Math.Max(0, (d.DepartureAt - window.End).TotalHours);
        var stillNeededInWindowWh = Math.Max(0, d.EnergyNeededWh - (d.MaxDrawW * afterHours));
        return Math.Min(chargingW, chargingW - (stillNeededInWindowWh / inWindowHours));
    }
}
