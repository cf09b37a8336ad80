namespace OpenVpp.Core.Simulation;

/// <summary>
/// Where the sun stands, from the NOAA "general solar position" approximations (fractional year, Spencer's
/// declination series, equation of time). Accurate to a few tenths of a degree, plenty for PV energy.
/// </summary>
internal static class SolarPosition
{
    private const double DegToRad = Math.PI / 180.0;

    /// <summary>Cosine of the solar zenith angle (= sine of elevation); negative when the sun is below the horizon.</summary>
    public static double CosZenith(DateTimeOffset instant, double latitudeDeg, double longitudeDeg)
    {
        var utc = instant.UtcDateTime;
        var hourUtc = utc.TimeOfDay.TotalHours;
        var daysInYear = DateTime.IsLeapYear(utc.Year) ? 366.0 : 365.0;
        var gamma = 2.0 * Math.PI / daysInYear * (utc.DayOfYear - 1 + (hourUtc - 12.0) / 24.0);

        var declinationRad = DeclinationRad(gamma);
        var equationOfTimeMin = EquationOfTimeMinutes(gamma);

        var trueSolarTimeMin = hourUtc * 60.0 + equationOfTimeMin + 4.0 * longitudeDeg;
        var hourAngleRad = (trueSolarTimeMin / 4.0 - 180.0) * DegToRad;
        var latitudeRad = latitudeDeg * DegToRad;

        return (Math.Sin(latitudeRad) * Math.Sin(declinationRad))
            + (Math.Cos(latitudeRad) * Math.Cos(declinationRad) * Math.Cos(hourAngleRad));
    }

    /// <summary>UTC hour of solar noon on a date at a longitude (used by tests and to reason about profiles).</summary>
    public static double SolarNoonUtcHour(DateOnly date, double longitudeDeg)
    {
        var daysInYear = DateTime.IsLeapYear(date.Year) ? 366.0 : 365.0;
        var gamma = 2.0 * Math.PI / daysInYear * (date.DayOfYear - 1);
        return (720.0 - (4.0 * longitudeDeg) - EquationOfTimeMinutes(gamma)) / 60.0;
    }

    private static double DeclinationRad(double gamma) =>
        0.006918
        - (0.399912 * Math.Cos(gamma)) + (0.070257 * Math.Sin(gamma))
        - (0.006758 * Math.Cos(2 * gamma)) + (0.000907 * Math.Sin(2 * gamma))
        - (0.002697 * Math.Cos(3 * gamma)) + (0.00148 * Math.Sin(3 * gamma));

    private static double EquationOfTimeMinutes(double gamma) =>
        229.18 * (0.000075
            + (0.001868 * Math.Cos(gamma)) - (0.032077 * Math.Sin(gamma))
            - (0.014615 * Math.Cos(2 * gamma)) - (0.040849 * Math.Sin(2 * gamma)));
}
