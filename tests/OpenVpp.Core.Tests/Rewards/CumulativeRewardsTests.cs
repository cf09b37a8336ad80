using System.Numerics;
using OpenVpp.Core.Accounts;
using OpenVpp.Core.Rewards;
using static OpenVpp.Core.Tests.Rewards.RewardFixtures;

namespace OpenVpp.Core.Tests.Rewards;

public class CumulativeRewardsTests
{
    [Fact]
    public void Applies_epochs_one_after_another_without_changing_earlier_instances()
    {
        var epoch0 = Epoch(0, (Alice, 100), (Bob, 50));
        var epoch1 = Epoch(1, (Bob, 70));
        var epoch3 = Epoch(3, (Alice, 1), (Owner(9), 29));

        var after0 = CumulativeRewards.Empty.Apply(epoch0);
        var after1 = after0.Apply(epoch1);
        var after3 = after1.Apply(epoch3);

        Assert.Equal(0, CumulativeRewards.Empty.Count);
        Assert.Equal((BigInteger)150, after0.Total);
        Assert.Equal((BigInteger)50, after0.AmountOf(Bob));
        Assert.Equal((BigInteger)120, after1.AmountOf(Bob));
        Assert.Equal((BigInteger)220, after1.Total);
        Assert.Equal((BigInteger)101, after3.AmountOf(Alice));
        Assert.Equal((BigInteger)29, after3.AmountOf(Owner(9)));
        Assert.Equal((BigInteger)250, after3.Total);
        Assert.Equal(3, after3.LastEpoch);
        Assert.Equal([Owner(9), Alice, Bob], after3.Amounts.Keys.ToArray());
        Assert.Equal(0, after0.AmountOf(Owner(9)));
        Assert.Equal(2, after0.Count);
    }

    [Fact]
    public void An_epoch_that_issued_nothing_still_advances_the_last_epoch()
    {
        var cumulative = CumulativeRewards.Empty.Apply(Epoch(0, (Alice, 5))).Apply(Epoch(1));

        Assert.Equal(1, cumulative.LastEpoch);
        Assert.Equal((BigInteger)5, cumulative.Total);
    }

    [Theory]
    [InlineData(4)]
    [InlineData(3)]
    public void Refuses_an_epoch_applied_twice_or_out_of_order(long epoch)
    {
        var cumulative = CumulativeRewards.Empty.Apply(Epoch(4, (Alice, 5)));

        Assert.Throws<ArgumentException>(() => cumulative.Apply(Epoch(epoch, (Alice, 5))));
    }

    [Fact]
    public void Restores_from_stored_amounts_dropping_zeros()
    {
        var restored = CumulativeRewards.FromAmounts(
            [new(Bob, 7), new(Alice, 3), new(Owner(1), 0)],
            lastEpoch: 41);

        Assert.Equal([Alice, Bob], restored.Amounts.Keys.ToArray());
        Assert.Equal((BigInteger)10, restored.Total);
        Assert.Equal(41, restored.LastEpoch);
        Assert.Throws<ArgumentException>(() => restored.Apply(Epoch(41)));
        Assert.Equal((BigInteger)8, restored.Apply(Epoch(42, (Bob, 1))).AmountOf(Bob));
    }

    [Fact]
    public void Refuses_negative_oversized_or_repeated_stored_amounts()
    {
        Assert.Throws<ArgumentException>(() => CumulativeRewards.FromAmounts([new(Alice, -1)], null));
        Assert.Throws<ArgumentException>(() => CumulativeRewards.FromAmounts([new(Alice, BigInteger.One << 256)], null));
        Assert.Throws<ArgumentException>(() => CumulativeRewards.FromAmounts([new(Alice, 1), new(Alice, 2)], null));
    }

    [Fact]
    public void Refuses_to_grow_an_amount_beyond_uint256()
    {
        var nearlyFull = CumulativeRewards.FromAmounts([new(Alice, (BigInteger.One << 256) - 1)], null);

        Assert.Throws<ArgumentException>(() => nearlyFull.Apply(Epoch(0, (Alice, 1))));
    }

    private static EpochRewards Epoch(long epoch, params (AccountAddress Owner, int Amount)[] owners)
    {
        var issued = owners.Sum(o => o.Amount);
        return new EpochRewards(epoch, issued, issued, owners.Select(o => new OwnerReward(o.Owner, 1, o.Amount)));
    }
}
