namespace OpenVpp.Core.Simulation;

/// <summary>
/// Draws the plug-in session that starts on a local date, from (seed, home, date) alone, so any day's session
/// is known without simulating the days before it. Arrival 16:30–20:30, departure 06:30–08:30 next morning,
/// need 50–150 % of the home's typical need, fewer sessions at weekends.
/// </summary>
internal static class EvSessionPlanner
{
    private const double WeekendPlugInFactor = 0.6;
    private const double MinArrivalStateOfCharge = 0.10;

    public static EvSession? SessionStarting(int seed, int homeIndex, DateOnly localDate, EvProfile profile, TimeSpan offsetFromUtc)
    {
        var rng = SplitMix64.For(seed, SimulationStream.EvSession, homeIndex, localDate.DayNumber);
        var plugsIn = rng.NextUnit();
        var arrivalHour = 16.5 + (4.0 * rng.NextUnit());
        var departureHour = 24.0 + 6.5 + (2.0 * rng.NextUnit());
        var needFraction = 0.5 + rng.NextUnit();

        var weekend = localDate.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
        var probability = profile.WeekdayPlugInProbability * (weekend ? WeekendPlugInFactor : 1.0);
        if (plugsIn >= probability)
        {
            return null;
        }

        var maxNeedWh = (profile.TargetStateOfCharge - MinArrivalStateOfCharge) * profile.CarCapacityWh;
        var needWh = (long)Math.Round(Math.Min(profile.TypicalNeedWh * needFraction, maxNeedWh));
        return new EvSession(
            localDate.DayNumber,
            CivilTime.ToInstant(localDate, arrivalHour, offsetFromUtc),
            CivilTime.ToInstant(localDate, departureHour, offsetFromUtc),
            needWh,
            profile.TargetStateOfCharge - ((double)needWh / profile.CarCapacityWh));
    }
}
