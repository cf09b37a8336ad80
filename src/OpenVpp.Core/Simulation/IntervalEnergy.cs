namespace OpenVpp.Core.Simulation;

/// <summary>
/// Exact integer conversions between whole Wh over an interval and W, done in ticks so that a device running at
/// nameplate for the whole interval never rounds above its nameplate.
/// </summary>
internal static class IntervalEnergy
{
    private const long TicksPerHour = TimeSpan.TicksPerHour;

    /// <summary>floor(P · duration) in Wh.</summary>
    public static long MaxEnergyWh(long powerW, long durationTicks) =>
        (long)((Int128)powerW * durationTicks / TicksPerHour);

    /// <summary>floor(P · overlap) in Wh for a part of an interval.</summary>
    public static long EnergyWh(long powerW, TimeSpan overlap) =>
        overlap <= TimeSpan.Zero ? 0 : MaxEnergyWh(powerW, overlap.Ticks);

    /// <summary>Average power in W of an energy over a duration, rounded half away from zero.</summary>
    public static int AveragePowerW(long energyWh, long durationTicks)
    {
        var scaled = (Int128)energyWh * TicksPerHour;
        var quotient = Int128.DivRem(Int128.Abs(scaled), durationTicks);
        var magnitude = quotient.Quotient + ((quotient.Remainder * 2) >= durationTicks ? 1 : 0);
        return checked((int)(scaled < 0 ? -magnitude : magnitude));
    }

    /// <summary>Average power in W rounded up in magnitude: the least peak consistent with the energy.</summary>
    public static int AveragePowerCeilingW(long energyWh, long durationTicks)
    {
        var scaled = (Int128)Math.Abs(energyWh) * TicksPerHour;
        var quotient = Int128.DivRem(scaled, durationTicks);
        return checked((int)(quotient.Quotient + (quotient.Remainder > 0 ? 1 : 0)));
    }
}
