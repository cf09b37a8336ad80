using OpenVpp.Core.Rewards;
using static OpenVpp.Core.Tests.Rewards.RewardFixtures;

namespace OpenVpp.Core.Tests.Rewards;

public class EpochRewardsTests
{
    [Fact]
    public void Keeps_owners_in_address_order()
    {
        var rewards = new EpochRewards(0, 10, 10, [new OwnerReward(Bob, 1, 4), new OwnerReward(Alice, 1, 6)]);

        Assert.Equal([Alice, Bob], rewards.Owners.Select(o => o.Owner).ToArray());
    }

    [Fact]
    public void Refuses_amounts_that_do_not_add_up_repeat_an_owner_or_are_not_positive()
    {
        Assert.Throws<ArgumentException>(() => new EpochRewards(0, 10, 10, [new OwnerReward(Alice, 1, 9)]));
        Assert.Throws<ArgumentException>(() => new EpochRewards(0, 10, 10, [new OwnerReward(Alice, 1, 5), new OwnerReward(Alice, 1, 5)]));
        Assert.Throws<ArgumentException>(() => new EpochRewards(0, 10, 10, [new OwnerReward(Alice, 1, 10), new OwnerReward(Bob, 0, 0)]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new EpochRewards(0, 10, 11, [new OwnerReward(Alice, 1, 11)]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new EpochRewards(0, 10, -1, []));
    }
}
