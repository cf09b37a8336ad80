namespace OpenVpp.Core.DemandResponse.Verification;

/// <summary>
/// Turns verified delivery into a reward weight for the rewards oracle: delivered kWh × performance, with performance
/// counted up to <see cref="MaxPerformanceFactor"/> (over-delivery earns a little, not unboundedly: it can overshoot
/// a grid limit the other way) and nothing below <see cref="MinPerformance"/> (a token effort earns nothing).
/// Negative delivery (the load went up) earns nothing; it is never a penalty here.
/// </summary>
public sealed record FlexibilityReward(double MinPerformance = 0.5, double MaxPerformanceFactor = 1.2)
{
    public double Weight(double deliveredWh, double performance)
    {
        if (MinPerformance < 0 || MaxPerformanceFactor < MinPerformance || !double.IsFinite(deliveredWh) || !double.IsFinite(performance))
        {
            throw new ArgumentException($"Invalid reward input: min {MinPerformance}, max {MaxPerformanceFactor}, delivered {deliveredWh} Wh, performance {performance}.");
        }

        return deliveredWh <= 0 || performance < MinPerformance ? 0 : deliveredWh / 1_000.0 * Math.Min(performance, MaxPerformanceFactor);
    }

    public double Weight(EventMeasurement measurement)
    {
        ArgumentNullException.ThrowIfNull(measurement);
        return Weight(measurement.DeliveredTotalWh, measurement.Performance);
    }
}
