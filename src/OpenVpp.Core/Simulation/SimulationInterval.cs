namespace OpenVpp.Core.Simulation;

/// <summary>
/// Everything about one interval that is the same for every home: its bounds, the clear-sky irradiance and the
/// household demand factor averaged over sub-samples of at most five minutes, the local date, and each region's
/// weather. Built once per step so per-home work stays a few multiplications.
/// </summary>
internal sealed class SimulationInterval
{
    private static readonly TimeSpan MaxSampleSpacing = TimeSpan.FromMinutes(5);
    private const int MaxSamples = 48;

    public SimulationInterval(long index, DateTimeOffset start, TimeSpan duration, FleetOptions options, IReadOnlyList<string> regions)
    {
        Index = index;
        Start = start;
        End = start + duration;
        DurationTicks = duration.Ticks;
        Hours = duration.TotalHours;
        OffsetFromUtc = CivilTime.OffsetFromUtc(options.LongitudeDeg);

        var samples = (int)Math.Clamp((duration.Ticks + MaxSampleSpacing.Ticks - 1) / MaxSampleSpacing.Ticks, 1, MaxSamples);
        var midpoint = start + (duration / 2);
        var localMid = CivilTime.ToLocal(midpoint, OffsetFromUtc);
        LocalDate = DateOnly.FromDateTime(localMid);
        var weekend = localMid.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;

        double ghiSum = 0, ghiMax = 0, demandSum = 0;
        for (var i = 0; i < samples; i++)
        {
            var at = start + (duration * ((i + 0.5) / samples));
            var ghi = ClearSkyIrradiance.GlobalHorizontalWm2(SolarPosition.CosZenith(at, options.LatitudeDeg, options.LongitudeDeg));
            ghiSum += ghi;
            ghiMax = Math.Max(ghiMax, ghi);

            var local = CivilTime.ToLocal(at, OffsetFromUtc);
            demandSum += DailyLoadShape.Factor(local.TimeOfDay.TotalHours, weekend, local.DayOfYear);
        }

        ClearSkyMeanWm2 = ghiSum / samples;
        ClearSkyMaxWm2 = ghiMax;
        DemandFactor = demandSum / samples;

        var weather = new WeatherRegime[regions.Count];
        for (var r = 0; r < weather.Length; r++)
        {
            weather[r] = WeatherRegime.Draw(options.Seed, r, LocalDate);
        }

        Weather = weather;
    }

    /// <summary>Interval number since the fleet's origin (0 for the first).</summary>
    public long Index { get; }

    public DateTimeOffset Start { get; }

    public DateTimeOffset End { get; }

    public long DurationTicks { get; }

    public double Hours { get; }

    public TimeSpan OffsetFromUtc { get; }

    /// <summary>Civil date at the interval's midpoint (drives weather and routines).</summary>
    public DateOnly LocalDate { get; }

    /// <summary>Mean clear-sky global horizontal irradiance over the interval, W/m²; 0 when the sun stayed down.</summary>
    public double ClearSkyMeanWm2 { get; }

    /// <summary>Highest sampled clear-sky irradiance in the interval, W/m² (drives PV peak power).</summary>
    public double ClearSkyMaxWm2 { get; }

    /// <summary>Household demand relative to a home's yearly mean power (profile × weekday × season).</summary>
    public double DemandFactor { get; }

    /// <summary>Today's weather per region index.</summary>
    public IReadOnlyList<WeatherRegime> Weather { get; }

    /// <summary>The most whole Wh a device of this nameplate can move in the interval: floor(P · duration).</summary>
    public long MaxEnergyWh(long nameplatePowerW) => IntervalEnergy.MaxEnergyWh(nameplatePowerW, DurationTicks);
}
