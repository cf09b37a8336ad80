using OpenVpp.Core.Devices;

namespace OpenVpp.Core.DemandResponse.Dispatch;

/// <summary>
/// One device as the dispatcher sees it before an event interval. Powers follow the readings' convention: positive
/// when the device delivers (a battery discharging, PV generating), negative when it draws (a battery or car
/// charging). A value type, so a fleet of a million is one array and no objects.
/// </summary>
/// <param name="Kind">Battery, EvCharger or SolarInverter; other kinds offer no flexibility.</param>
/// <param name="RegionIndex">Index of the device's region in the targets.</param>
/// <param name="CostPerKwh">What a kWh of this device's flexibility costs (the owner's price or wear); cheaper goes first.</param>
/// <param name="MaxDeliverW">Most it can deliver: a battery's discharge limit, a PV inverter's nameplate.</param>
/// <param name="MaxDrawW">Most it can draw: a battery's charge limit, a charger's nameplate.</param>
/// <param name="BaselineW">What it would do without the event (a charging car: minus its charging power).</param>
/// <param name="StoredWh">A battery's energy in store (cell side).</param>
/// <param name="ReserveWh">The owner's reserve a battery never goes below.</param>
/// <param name="CapacityWh">A battery's usable capacity.</param>
/// <param name="Efficiency">One-way conversion efficiency between cells and grid, in (0, 1].</param>
/// <param name="EnergyNeededWh">Energy a plugged-in car still needs by <paramref name="DepartureAt"/>.</param>
/// <param name="DepartureAt">When the car leaves.</param>
public readonly record struct FlexibleDevice(
    DeviceKind Kind,
    int RegionIndex,
    double CostPerKwh,
    double MaxDeliverW,
    double MaxDrawW,
    double BaselineW,
    double StoredWh,
    double ReserveWh,
    double CapacityWh,
    double Efficiency,
    double EnergyNeededWh,
    DateTimeOffset DepartureAt)
{
    public static FlexibleDevice Battery(
        int regionIndex, double costPerKwh, double maxDischargeW, double maxChargeW, double baselineW,
        double storedWh, double reserveWh, double capacityWh, double efficiency = 0.95) =>
        new(DeviceKind.Battery, regionIndex, costPerKwh, maxDischargeW, maxChargeW, baselineW, storedWh, reserveWh, capacityWh, efficiency, 0, default);

    /// <summary>A charger with a car plugged in, charging at <paramref name="chargingW"/> (≥ 0) without the event.</summary>
    public static FlexibleDevice EvCharger(
        int regionIndex, double costPerKwh, double maxChargeW, double chargingW, double energyNeededWh, DateTimeOffset departureAt) =>
        new(DeviceKind.EvCharger, regionIndex, costPerKwh, 0, maxChargeW, -chargingW, 0, 0, 0, 1, energyNeededWh, departureAt);

    /// <summary>A PV inverter forecast to generate <paramref name="forecastW"/>.</summary>
    public static FlexibleDevice Solar(int regionIndex, double costPerKwh, double nameplateW, double forecastW) =>
        new(DeviceKind.SolarInverter, regionIndex, costPerKwh, nameplateW, 0, forecastW, 0, 0, 0, 1, 0, default);

    /// <summary>The problem with this description, or null; the dispatcher refuses a fleet with one.</summary>
    public string? Problem() =>
        RegionIndex < 0 ? $"region index {RegionIndex} is negative"
        : !IsFinite(CostPerKwh, MaxDeliverW, MaxDrawW, BaselineW, StoredWh, ReserveWh, CapacityWh, Efficiency, EnergyNeededWh) ? "a value is not a finite number"
        : MaxDeliverW < 0 || MaxDrawW < 0 ? "power limits cannot be negative"
        : Kind == DeviceKind.Battery && (Efficiency is <= 0 or > 1) ? $"efficiency {Efficiency} is outside (0, 1]"
        : Kind == DeviceKind.Battery && (StoredWh < 0 || ReserveWh < 0 || StoredWh > CapacityWh) ? $"stored {StoredWh} Wh is outside [0, capacity {CapacityWh} Wh] or the reserve is negative"
        : Kind == DeviceKind.EvCharger && (BaselineW > 0 || EnergyNeededWh < 0) ? "a charger cannot deliver, and a car's need cannot be negative"
        : Kind == DeviceKind.SolarInverter && BaselineW < 0 ? "PV cannot be forecast to draw"
        : null;

    private static bool IsFinite(params ReadOnlySpan<double> values)
    {
        foreach (var value in values)
        {
            if (!double.IsFinite(value))
            {
                return false;
            }
        }

        return true;
    }
}
