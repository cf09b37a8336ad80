namespace OpenVpp.Core.Simulation;

/// <summary>
/// A home's car and charging habits: charger power (7.4 kW single-phase 32 A or 11 kW three-phase 16 A),
/// the car's battery, how often it plugs in on a weekday, the typical energy a session needs and the SoC the
/// driver stops at.
/// </summary>
internal sealed record EvProfile(
    long ChargerPowerW,
    long CarCapacityWh,
    double WeekdayPlugInProbability,
    double TypicalNeedWh,
    double TargetStateOfCharge);
