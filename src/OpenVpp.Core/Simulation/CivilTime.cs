namespace OpenVpp.Core.Simulation;

/// <summary>
/// The wall-clock time people live by at the fleet's longitude: mean solar time plus one hour, because Western
/// European clocks (CET, and CEST in summer) run about an hour or two ahead of the sun. Daily routines
/// (household peaks, EV arrivals) follow this clock; the sun follows UTC and longitude.
/// </summary>
internal static class CivilTime
{
    public const double ClockAheadOfSolarTimeHours = 1.0;

    public static TimeSpan OffsetFromUtc(double longitudeDeg) =>
        TimeSpan.FromHours((longitudeDeg / 15.0) + ClockAheadOfSolarTimeHours);

    /// <summary>Local civil time as a plain date-time (no zone): what a household's clock shows.</summary>
    public static DateTime ToLocal(DateTimeOffset instant, TimeSpan offsetFromUtc) =>
        DateTime.SpecifyKind(instant.UtcDateTime + offsetFromUtc, DateTimeKind.Unspecified);

    /// <summary>The instant at which a household's clock shows <paramref name="hoursAfterMidnight"/> on a local date.</summary>
    public static DateTimeOffset ToInstant(DateOnly localDate, double hoursAfterMidnight, TimeSpan offsetFromUtc)
    {
        var localMidnightAsUtc = new DateTimeOffset(localDate.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        return localMidnightAsUtc + TimeSpan.FromHours(hoursAfterMidnight) - offsetFromUtc;
    }
}
