namespace OpenVpp.Core.Simulation;

/// <summary>What a demand-response instruction asks of one simulated device.</summary>
public enum DeviceControlKind
{
    /// <summary>A battery follows a power setpoint: positive W discharges (to the home or the grid), negative charges (from PV or the grid).</summary>
    BatteryPowerSetpoint,

    /// <summary>An EV charger draws at most this many W (0 pauses charging); the car still leaves at its departure time.</summary>
    ChargingLimit,

    /// <summary>A PV inverter delivers at most this many W (curtailment).</summary>
    GenerationLimit,
}

/// <summary>
/// One instruction to a simulated device, in W. It is the simulated counterpart of a SunSpec storage setpoint, an
/// OCPP charging profile or an inverter limit, and obeys the same physics as the device's own control: a battery
/// still stops at its reserve and its capacity, a charger never exceeds its nameplate.
/// </summary>
public readonly record struct DeviceControl(DeviceControlKind Kind, int W)
{
    public static DeviceControl BatterySetpoint(int setpointW) => new(DeviceControlKind.BatteryPowerSetpoint, setpointW);

    public static DeviceControl ChargingLimit(int limitW) => new(DeviceControlKind.ChargingLimit, RequireNonNegative(limitW));

    public static DeviceControl GenerationLimit(int limitW) => new(DeviceControlKind.GenerationLimit, RequireNonNegative(limitW));

    /// <summary>Absolute W a battery setpoint moves; limits are already non-negative.</summary>
    internal long MagnitudeW => Math.Abs((long)W);

    private static int RequireNonNegative(int w) =>
        w >= 0 ? w : throw new ArgumentOutOfRangeException(nameof(w), w, "A limit cannot be negative.");
}
