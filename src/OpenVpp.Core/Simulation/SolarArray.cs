namespace OpenVpp.Core.Simulation;

/// <summary>
/// Rooftop PV: AC output = kWp × clear-sky GHI × derate × clearness, where clearness follows the region's weather
/// regime for the day plus an AR(1) cloud process per home (τ = 40 min). Output is clipped at the inverter's
/// nameplate. While the sun is down the inverter draws a couple of W of standby, read from a cumulative
/// register so whole-Wh imports add up to the true standby energy.
/// </summary>
internal sealed class SolarArray
{
    public const double Derate = 0.85;
    private const double CloudCorrelationHours = 40.0 / 60.0;
    private const double MinClearness = 0.03;

    private readonly double _peakKw;
    private readonly long _inverterW;
    private readonly double _standbyW;
    private Ar1Process _cloud;
    private double _standbyRegisterWh;

    public SolarArray(double peakKw, long inverterW, double standbyW, double initialCloud)
    {
        _peakKw = peakKw;
        _inverterW = inverterW;
        _standbyW = standbyW;
        _cloud = new Ar1Process(initialCloud);
    }

    public DeviceFlow Step(SimulationInterval interval, WeatherRegime weather, ref SplitMix64 rng, int? limitW = null)
    {
        var cloud = _cloud.Advance(Ar1Process.Persistence(interval.Hours, CloudCorrelationHours), rng.NextGaussian());
        var clearness = Math.Clamp(weather.ClearnessMean + (weather.ClearnessSpread * cloud), MinClearness, 1.0);

        if (interval.ClearSkyMeanWm2 <= 0.0)
        {
            var before = Math.Floor(_standbyRegisterWh);
            _standbyRegisterWh += _standbyW * interval.Hours;
            return new DeviceFlow((long)(Math.Floor(_standbyRegisterWh) - before), 0, (int)Math.Ceiling(_standbyW));
        }

        // kWp × W/m² = W, since 1 kWp is rated at 1000 W/m².
        var averageW = _peakKw * interval.ClearSkyMeanWm2 * Derate * clearness;
        // Curtailment works like the inverter's own clipping, at a lower ceiling.
        var ceilingW = limitW is { } limit ? Math.Min(_inverterW, limit) : _inverterW;
        var exportedWh = Math.Min((long)Math.Round(averageW * interval.Hours), interval.MaxEnergyWh(ceilingW));

        // Cloud edges let the brightest moment of the interval beat its mean clearness.
        var peakClearness = Math.Min(1.0, clearness + weather.ClearnessSpread);
        var peakW = Math.Min(ceilingW, (long)Math.Round(_peakKw * interval.ClearSkyMaxWm2 * Derate * peakClearness));
        return new DeviceFlow(0, exportedWh, (int)peakW);
    }
}
