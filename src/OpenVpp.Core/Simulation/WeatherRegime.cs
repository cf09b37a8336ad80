namespace OpenVpp.Core.Simulation;

/// <summary>
/// The day's weather over one region, shared by all its homes: the mean clearness index (fraction of clear-sky
/// irradiance that reaches the panels) and how much passing clouds make it vary. Drawn per (seed, region,
/// local date) so it does not depend on stepping order; summer days are more often clear than winter days.
/// </summary>
internal readonly record struct WeatherRegime(double ClearnessMean, double ClearnessSpread)
{
    public static readonly WeatherRegime Clear = new(0.92, 0.04);
    public static readonly WeatherRegime Mixed = new(0.60, 0.25);
    public static readonly WeatherRegime Overcast = new(0.22, 0.08);

    public static WeatherRegime Draw(int seed, int regionIndex, DateOnly localDate)
    {
        var rng = SplitMix64.For(seed, SimulationStream.DailyWeather, regionIndex, localDate.DayNumber);
        var summerness = 0.5 * (1.0 + Math.Cos(2.0 * Math.PI * (localDate.DayOfYear - 172) / 365.25));
        var pClear = 0.18 + (0.17 * summerness);     // 18 % of winter days, 35 % of summer days
        var pOvercast = 0.45 - (0.20 * summerness);  // 45 % of winter days, 25 % of summer days

        var u = rng.NextUnit();
        var regime = u < pClear ? Clear : u < pClear + pOvercast ? Overcast : Mixed;

        // A little day-to-day spread inside each regime, so no two clear days are identical.
        var jitter = (rng.NextUnit() - 0.5) * 0.08;
        return regime with { ClearnessMean = Math.Clamp(regime.ClearnessMean + jitter, 0.05, 1.0) };
    }
}
