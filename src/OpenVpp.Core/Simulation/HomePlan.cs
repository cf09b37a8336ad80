namespace OpenVpp.Core.Simulation;

/// <summary>What one simulated home has, as drawn from the seed. Optional parts are null when absent.</summary>
internal sealed record HomePlan(
    int HomeIndex,
    string Site,
    int RegionIndex,
    int FirstDeviceIndex,
    long ConnectionLimitW,
    double YearlyDemandKWh,
    PvPlan? Pv,
    BatteryPlan? Battery,
    EvProfile? Ev)
{
    public int DeviceCount => 2 + (Pv is null ? 0 : 1) + (Battery is null ? 0 : 1) + (Ev is null ? 0 : 1);
}

/// <summary>Rooftop PV: array size in kWp and the inverter's AC nameplate.</summary>
internal sealed record PvPlan(double PeakKw, long InverterPowerW, double StandbyW);

/// <summary>Home battery: nominal capacity, power limit, and its state when the simulation starts.</summary>
internal sealed record BatteryPlan(long CapacityWh, long MaxPowerW, double InitialStateOfCharge, double InitialStateOfHealth);
