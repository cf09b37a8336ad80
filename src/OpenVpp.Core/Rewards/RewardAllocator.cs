using System.Numerics;
using OpenVpp.Core.Accounts;
using OpenVpp.Core.Devices;

namespace OpenVpp.Core.Rewards;

/// <summary>
/// Splits an epoch's emission between owners in proportion to their points, exactly: each owner gets
/// floor(E × points / total), and the few base units left over (fewer than the number of owners) go one each to the
/// owners with the largest remainders of that division, ties to the lower address (the largest remainder method).
/// Nothing is lost to rounding and nothing depends on input order.
/// </summary>
public static class RewardAllocator
{
    public static EpochRewards Allocate(long epoch, IReadOnlyList<DeviceContribution> contributions, RewardParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(contributions);
        ArgumentNullException.ThrowIfNull(parameters);
        var emission = EmissionSchedule.EmissionFor(epoch, parameters);
        var pointsByOwner = PointsByOwner(contributions);
        var totalPoints = pointsByOwner.Values.Aggregate(BigInteger.Zero, (sum, p) => sum + p);

        // With no points there is nobody to pay: issue nothing rather than mint to no one.
        if (totalPoints.IsZero || emission.IsZero)
        {
            return new EpochRewards(epoch, emission, BigInteger.Zero, []);
        }

        var shares = pointsByOwner
            .Select(o => (o.Key, Points: o.Value, Amount: BigInteger.DivRem(emission * o.Value, totalPoints, out var remainder), Remainder: remainder))
            .ToArray();
        var leftover = emission - shares.Aggregate(BigInteger.Zero, (sum, s) => sum + s.Amount);

        // leftover × total is the sum of the remainders, each below total, so more than `leftover` owners have one.
        var roundedUp = shares
            .OrderByDescending(s => s.Remainder)
            .ThenBy(s => s.Key)
            .Take((int)leftover)
            .Select(s => s.Key)
            .ToHashSet();

        var owners = shares
            .Select(s => new OwnerReward(s.Key, s.Points, roundedUp.Contains(s.Key) ? s.Amount + 1 : s.Amount))
            .Where(o => o.Amount > 0);
        return new EpochRewards(epoch, emission, emission, owners);
    }

    private static SortedDictionary<AccountAddress, BigInteger> PointsByOwner(IReadOnlyList<DeviceContribution> contributions)
    {
        var pointsByOwner = new SortedDictionary<AccountAddress, BigInteger>();
        var devices = new HashSet<DeviceId>();
        foreach (var contribution in contributions)
        {
            ArgumentNullException.ThrowIfNull(contribution, nameof(contributions));
            if (!devices.Add(contribution.DeviceId))
            {
                throw new ArgumentException($"Device {contribution.DeviceId} has more than one contribution.", nameof(contributions));
            }

            if (contribution.Points < 0)
            {
                throw new ArgumentException($"Device {contribution.DeviceId} has negative points.", nameof(contributions));
            }

            if (contribution.Points > 0)
            {
                pointsByOwner[contribution.Owner] = pointsByOwner.GetValueOrDefault(contribution.Owner) + contribution.Points;
            }
        }

        return pointsByOwner;
    }
}
