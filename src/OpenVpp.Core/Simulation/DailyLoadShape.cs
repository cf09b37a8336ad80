namespace OpenVpp.Core.Simulation;

/// <summary>
/// Relative household demand by local hour, normalised so a weekday averages 1.0: a night base, a morning peak
/// around 07:15, a little midday use and the big evening peak around 19:00 (cooking, lights, TV). Weekends
/// start later, use more at midday and about 10 % more in total. Winter uses up to ~20 % more than average
/// and summer ~20 % less (lighting, heating pumps, time indoors).
/// </summary>
internal static class DailyLoadShape
{
    private const double WeekendTotalFactor = 1.10;
    private const double SeasonalAmplitude = 0.20;
    private const int ColdestDayOfYear = 15;

    private static readonly double WeekdayMean = MeanOverDay(weekend: false);
    private static readonly double WeekendMean = MeanOverDay(weekend: true);

    /// <summary>Demand relative to the home's yearly mean power at a local hour of a given day.</summary>
    public static double Factor(double localHour, bool weekend, int dayOfYear)
    {
        var shape = weekend
            ? RawShape(localHour, weekend: true) / WeekendMean * WeekendTotalFactor
            : RawShape(localHour, weekend: false) / WeekdayMean;
        return shape * SeasonalFactor(dayOfYear);
    }

    public static double SeasonalFactor(int dayOfYear) =>
        1.0 + (SeasonalAmplitude * Math.Cos(2.0 * Math.PI * (dayOfYear - ColdestDayOfYear) / 365.25));

    private static double RawShape(double hour, bool weekend) => weekend
        ? 0.45 + Bump(hour, 9.5, 1.5, 0.8) + Bump(hour, 13.0, 2.5, 0.5) + Bump(hour, 19.0, 1.8, 1.5)
        : 0.45 + Bump(hour, 7.25, 0.8, 0.9) + Bump(hour, 12.5, 2.0, 0.25) + Bump(hour, 19.0, 1.8, 1.6);

    private static double Bump(double hour, double centreHour, double widthHours, double height)
    {
        // Circular distance so the evening peak's tail wraps into the night.
        var d = hour - centreHour;
        d -= 24.0 * Math.Round(d / 24.0);
        return height * Math.Exp(-(d * d) / (2.0 * widthHours * widthHours));
    }

    private static double MeanOverDay(bool weekend)
    {
        const int Steps = 1440;
        var sum = 0.0;
        for (var i = 0; i < Steps; i++)
        {
            sum += RawShape((i + 0.5) * 24.0 / Steps, weekend);
        }

        return sum / Steps;
    }
}
