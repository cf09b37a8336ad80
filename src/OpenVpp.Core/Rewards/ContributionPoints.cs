using System.Numerics;

namespace OpenVpp.Core.Rewards;

/// <summary>
/// Points of one device in one epoch:
/// floor((produced × w_p + exported × w_e + storage × w_s) × completeness × kept), with the weights as exact fractions
/// and completeness and the implausibility share in ppm. Everything is put over one denominator and rounded down once,
/// so no intermediate rounding depends on the order terms are added in.
/// </summary>
public static class ContributionPoints
{
    private static readonly BigInteger PpmSquared = (BigInteger)Ppm.Whole * Ppm.Whole;

    public static BigInteger Compute(
        long producedWh,
        long exportedWh,
        long storageWhH,
        int completenessPpm,
        bool excluded,
        RewardParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentOutOfRangeException.ThrowIfNegative(producedWh);
        ArgumentOutOfRangeException.ThrowIfNegative(exportedWh);
        ArgumentOutOfRangeException.ThrowIfNegative(storageWhH);
        if (completenessPpm is < 0 or > Ppm.Whole)
        {
            throw new ArgumentOutOfRangeException(nameof(completenessPpm), completenessPpm, $"Completeness is between 0 and {Ppm.Whole} ppm.");
        }

        var (produced, exported, storage) = (parameters.ProducedWhPoints, parameters.ExportedWhPoints, parameters.StorageWhHPoints);
        var weighted =
            ((BigInteger)producedWh * produced.Points * exported.PerUnits * storage.PerUnits)
            + ((BigInteger)exportedWh * exported.Points * produced.PerUnits * storage.PerUnits)
            + ((BigInteger)storageWhH * storage.Points * produced.PerUnits * exported.PerUnits);
        var denominator = (BigInteger)produced.PerUnits * exported.PerUnits * storage.PerUnits;
        var keptPpm = excluded ? parameters.ImplausibleDevicePointsPpm : Ppm.Whole;

        // Every factor is non-negative, so integer division is the floor.
        return weighted * completenessPpm * keptPpm / (denominator * PpmSquared);
    }

    /// <summary>
    /// Points for verified demand-response delivery: floor(flexibility × w_f × kept). Not scaled by completeness: the
    /// event's own measurement already counted missing intervals as delivering nothing.
    /// </summary>
    public static BigInteger Flexibility(long flexibilityWh, bool excluded, RewardParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentOutOfRangeException.ThrowIfNegative(flexibilityWh);
        var rate = parameters.FlexibilityWhPoints;
        var keptPpm = excluded ? parameters.ImplausibleDevicePointsPpm : Ppm.Whole;
        return (BigInteger)flexibilityWh * rate.Points * keptPpm / ((BigInteger)rate.PerUnits * Ppm.Whole);
    }
}
