namespace OpenVpp.Core.Simulation;

/// <summary>
/// A home's own consumption (without EV and battery): its yearly mean power × the fleet-wide daily/seasonal
/// demand factor × log-normal AR(1) noise (σ 0.35, τ 30 min, mean 1). Peaks add an appliance spike (kettle,
/// oven, induction hob) of 0.3–3.8 kW over the interval mean. The interval mean is capped at 6 kW so that,
/// with an 11 kW EV charging, the home stays inside a 3×25 A connection.
/// </summary>
internal sealed class HouseholdDemand
{
    public const long MaxAverageW = 6_000;
    private const double NoiseSigma = 0.35;
    private const double NoiseCorrelationHours = 0.5;
    private const double HoursPerYear = 8_760.0;

    private readonly double _yearlyMeanW;
    private Ar1Process _noise;

    public HouseholdDemand(double yearlyKWh, double initialNoise)
    {
        _yearlyMeanW = yearlyKWh * 1_000.0 / HoursPerYear;
        _noise = new Ar1Process(initialNoise);
    }

    /// <summary>One interval of demand, at most <paramref name="limitWh"/> (the connection headroom left by other devices).</summary>
    public DeviceFlow Step(SimulationInterval interval, ref SplitMix64 rng, long limitWh)
    {
        var noise = _noise.Advance(Ar1Process.Persistence(interval.Hours, NoiseCorrelationHours), rng.NextGaussian());
        var spikeW = 300.0 + (3_500.0 * Math.Pow(rng.NextUnit(), 2));

        var multiplier = Math.Exp((NoiseSigma * noise) - (NoiseSigma * NoiseSigma / 2.0));
        var averageW = Math.Min(_yearlyMeanW * interval.DemandFactor * multiplier, MaxAverageW);
        var importedWh = Math.Clamp((long)Math.Round(averageW * interval.Hours), 0, Math.Max(0, limitWh));
        return new DeviceFlow(importedWh, 0, (int)Math.Round(averageW + spikeW));
    }
}
