namespace OpenVpp.Core.Simulation;

/// <summary>
/// One evening-to-morning plug-in: the car arrives, needs <see cref="NeedWh"/> to reach its target SoC, and
/// leaves next morning. <see cref="LocalDayNumber"/> is the arrival's local date (<see cref="DateOnly.DayNumber"/>).
/// </summary>
internal readonly record struct EvSession(
    int LocalDayNumber,
    DateTimeOffset Arrival,
    DateTimeOffset Departure,
    long NeedWh,
    double ArrivalStateOfCharge);
