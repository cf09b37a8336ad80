using OpenVpp.Core.Devices;
using OpenVpp.Core.Rewards;
using static OpenVpp.Core.Tests.Rewards.RewardFixtures;

namespace OpenVpp.Core.Tests.Rewards;

/// <summary>Verified demand-response delivery as a reward input: points, rows, and the published document round trip.</summary>
public class FlexibilityRewardTests
{
    private static readonly RewardParameters Defaults = new();

    [Fact]
    public void Flexibility_earns_its_own_rate_unscaled_by_completeness_and_excluded_with_implausible_data()
    {
        var thirds = Defaults with { FlexibilityWhPoints = new PointRate(1, 3), ImplausibleDevicePointsPpm = 500_000 };

        Assert.Equal(3, ContributionPoints.Flexibility(10, excluded: false, thirds)); // 10/3 rounded down
        Assert.Equal(1, ContributionPoints.Flexibility(10, excluded: true, thirds)); // 10/3 × ½ = 1.67
        Assert.Equal(20_000, ContributionPoints.Flexibility(2_000, excluded: false, Defaults)); // 10 points per Wh by default
    }

    [Fact]
    public void A_credited_device_earns_on_top_of_its_readings_and_gets_a_row_without_any()
    {
        var credits = new Dictionary<DeviceId, long> { [BobBattery] = 1_500, [AliceLoad] = 400 };
        var without = ContributionScorer.Score(ExampleReadings(), new HashSet<DeviceId>(), ExampleProfiles(), Defaults);
        var with = ContributionScorer.Score(ExampleReadings(), new HashSet<DeviceId>(), ExampleProfiles(), Defaults, credits);

        var battery = with.Contributions.Single(c => c.DeviceId == BobBattery);
        Assert.Equal(1_500, battery.FlexibilityWh);
        Assert.Equal(without.Contributions.Single(c => c.DeviceId == BobBattery).Points + 15_000, battery.Points);
        var load = with.Contributions.Single(c => c.DeviceId == AliceLoad);
        Assert.Equal(4_000, load.Points - (without.Contributions.SingleOrDefault(c => c.DeviceId == AliceLoad)?.Points ?? 0));
        Assert.Throws<ArgumentException>(() => ContributionScorer.Score([], new HashSet<DeviceId>(), ExampleProfiles(), Defaults, new Dictionary<DeviceId, long> { [BobBattery] = -1 }));
    }

    [Fact]
    public void The_published_document_carries_the_credits_so_a_verifier_recomputes_the_same_root()
    {
        var profiles = ExampleProfiles();
        var readings = ExampleReadings();
        FlexibilityCredit[] credits = [new(BobBattery, "event-b", 1_000), new(BobBattery, "event-a", 500), new(AliceLoad, "event-a", 250)];
        var inputs = new EpochRewardInputs(4, readings, new HashSet<DeviceId>(), profiles, CumulativeRewards.Empty, Defaults, credits);
        var result = EpochRewardComputation.Compute(inputs);
        var plain = EpochRewardComputation.Compute(inputs with { Flexibility = null });

        var document = EpochRewardsDocuments.Create(inputs, readings, new byte[32], result);
        var again = EpochRewardComputation.Compute(EpochRewardsDocuments.InputsFrom(document, readings));

        Assert.Equal(3, document.Flexibility!.Count);
        Assert.Equal(["event-a", "event-b"], document.Flexibility.Where(c => c.DeviceId == BobBattery.ToString()).Select(c => c.EventId));
        Assert.Equal(1_500, document.Contributions.Single(c => c.DeviceId == BobBattery.ToString()).FlexibilityWh);
        Assert.Equal(result.Tree.Root, again.Tree.Root);
        Assert.NotEqual(plain.Tree.Root, result.Tree.Root); // the credits moved Bob's share
    }
}
