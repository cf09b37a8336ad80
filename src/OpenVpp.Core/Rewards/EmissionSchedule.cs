using System.Numerics;

namespace OpenVpp.Core.Rewards;

/// <summary>
/// How many base units each epoch issues: <see cref="RewardParameters.InitialEpochEmission"/>, halved every
/// <see cref="RewardParameters.HalvingIntervalEpochs"/> epochs from genesis by an integer shift, as Bitcoin does,
/// so the total ever issued is bounded and known in advance.
/// </summary>
public static class EmissionSchedule
{
    /// <summary>Base units epoch <paramref name="epoch"/> issues; 0 before genesis and once the shift reaches zero.</summary>
    public static BigInteger EmissionFor(long epoch, RewardParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (epoch < parameters.GenesisEpoch)
        {
            return BigInteger.Zero;
        }

        // GenesisEpoch is never negative, so the difference cannot overflow.
        var halvings = (epoch - parameters.GenesisEpoch) / parameters.HalvingIntervalEpochs;
        return halvings >= parameters.InitialEpochEmission.GetBitLength()
            ? BigInteger.Zero
            : parameters.InitialEpochEmission >> (int)halvings;
    }

    /// <summary>
    /// The most that can ever be issued: every epoch of every halving period at its full emission, summed exactly
    /// (interval × Σ floor(E / 2^k), which is below the geometric bound 2 × E × interval). The token's cap must be at
    /// least this, or a late epoch's mint would revert.
    /// </summary>
    public static BigInteger MaxSupply(RewardParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var perEpochSum = BigInteger.Zero;
        for (var emission = parameters.InitialEpochEmission; emission > 0; emission >>= 1)
        {
            perEpochSum += emission;
        }

        return perEpochSum * parameters.HalvingIntervalEpochs;
    }
}
