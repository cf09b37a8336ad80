using System.Numerics;
using OpenVpp.Core.Accounts;

namespace OpenVpp.Core.Rewards;

/// <summary>
/// One epoch's issuance and its split between owners. The amounts add up to <see cref="Issued"/> exactly, which is
/// what EpochLedger is told the epoch issued and what the cumulative reward root grows by.
/// </summary>
public sealed class EpochRewards
{
    /// <param name="epoch">The epoch settled.</param>
    /// <param name="scheduledEmission">What the emission schedule allows for the epoch.</param>
    /// <param name="issued">What is actually issued: the scheduled emission, or 0 when nobody earned points.</param>
    /// <param name="owners">Owners with a positive amount, each once.</param>
    public EpochRewards(long epoch, BigInteger scheduledEmission, BigInteger issued, IEnumerable<OwnerReward> owners)
    {
        ArgumentNullException.ThrowIfNull(owners);
        var sorted = owners.OrderBy(o => o.Owner).ToArray();
        if (issued < 0 || issued > scheduledEmission)
        {
            throw new ArgumentOutOfRangeException(nameof(issued), issued, $"An epoch issues between 0 and its scheduled emission ({scheduledEmission}).");
        }

        for (var i = 0; i < sorted.Length; i++)
        {
            if (sorted[i].Amount <= 0)
            {
                throw new ArgumentException($"Owner {sorted[i].Owner} has a non-positive amount; such owners are left out.", nameof(owners));
            }

            if (i > 0 && sorted[i].Owner == sorted[i - 1].Owner)
            {
                throw new ArgumentException($"Owner {sorted[i].Owner} appears twice.", nameof(owners));
            }
        }

        var sum = sorted.Aggregate(BigInteger.Zero, (total, o) => total + o.Amount);
        if (sum != issued)
        {
            throw new ArgumentException($"The owners' amounts add up to {sum}, not to the {issued} issued.", nameof(owners));
        }

        Epoch = epoch;
        ScheduledEmission = scheduledEmission;
        Issued = issued;
        Owners = sorted;
    }

    public long Epoch { get; }

    public BigInteger ScheduledEmission { get; }

    public BigInteger Issued { get; }

    /// <summary>Owners with a positive amount, in ascending address order.</summary>
    public IReadOnlyList<OwnerReward> Owners { get; }

    /// <summary>Base units <paramref name="owner"/> earned in the epoch; 0 if none.</summary>
    public BigInteger AmountFor(AccountAddress owner) => Owners.FirstOrDefault(o => o.Owner == owner)?.Amount ?? BigInteger.Zero;
}
