using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using OpenVpp.Core.Devices;
using OpenVpp.Core.Readings;
using OpenVpp.Core.Rewards;
using OpenVpp.Core.Tests.TestSupport;
using static OpenVpp.Core.Tests.Rewards.RewardFixtures;

namespace OpenVpp.Core.Tests.Rewards;

public class EpochRewardComputationTests
{
    private static readonly RewardParameters Defaults = new();

    [Fact]
    public void Three_epochs_accumulate_to_the_hand_computed_balances_and_OpenZeppelins_root()
    {
        var profiles = ExampleProfiles();

        var first = EpochRewardComputation.Compute(new(0, ExampleReadings(), new HashSet<DeviceId>(), profiles, CumulativeRewards.Empty, Defaults));
        var second = EpochRewardComputation.Compute(new(1, ExampleReadings(), new HashSet<DeviceId> { AlicePv }, profiles, first.Cumulative, Defaults));
        var third = EpochRewardComputation.Compute(new(2, [], new HashSet<DeviceId>(), profiles, second.Cumulative, Defaults));

        // Epoch 0: 6/11 and 5/11 of 1,000 OVPP; epoch 1 without Alice's PV: 2/7 and 5/7; epoch 2: no readings, nothing issued.
        Assert.Equal(Units("545454545454545454545") + Units("285714285714285714286"), third.Cumulative.AmountOf(Alice));
        Assert.Equal(Units("454545454545454545455") + Units("714285714285714285714"), third.Cumulative.AmountOf(Bob));
        Assert.Equal(Ovpp.FromTokens(2_000), third.Cumulative.Total);
        Assert.Equal(0, third.Rewards.Issued);
        Assert.Equal(second.Tree.Root, third.Tree.Root);
        Assert.NotEqual(first.Tree.Root, second.Tree.Root);
        Assert.Equal(RewardTreeReference.Compute(third.Cumulative.Amounts).Root, Hex.To0x(third.Tree.Root));
        Assert.Equal(first.Rewards.Issued, first.Cumulative.Total);
        Assert.Equal(second.Rewards.Issued, second.Cumulative.Total - first.Cumulative.Total);
    }

    [Fact]
    public void Reports_the_scores_it_paid_on()
    {
        var result = EpochRewardComputation.Compute(new(0, ExampleReadings(), new HashSet<DeviceId>(), ExampleProfiles(), CumulativeRewards.Empty, Defaults));

        Assert.Equal(5, result.Scores.Contributions.Count);
        Assert.Equal(0, result.Rewards.Epoch);
        Assert.Equal(result.Rewards.Owners.Select(o => o.Amount), result.Rewards.Owners.Select(o => result.Cumulative.AmountOf(o.Owner)));
        Assert.NotNull(result.Tree.GetProof(Alice));
    }

    [Fact]
    public void Refuses_to_pay_an_epoch_twice()
    {
        var first = EpochRewardComputation.Compute(new(7, ExampleReadings(), new HashSet<DeviceId>(), ExampleProfiles(), CumulativeRewards.Empty, Defaults));

        Assert.Throws<ArgumentException>(() =>
            EpochRewardComputation.Compute(new(7, ExampleReadings(), new HashSet<DeviceId>(), ExampleProfiles(), first.Cumulative, Defaults)));
    }

    [Property(MaxTest = 30)]
    public Property Anyone_with_the_same_data_in_any_order_gets_the_same_root() =>
        Prop.ForAll(
            (from seed in Gen.Choose(0, int.MaxValue)
             from size in Gen.Choose(1, 60)
             let fleet = RandomFleet(seed, size)
             from shuffled in Gen.Shuffle(fleet.Readings.ToArray())
             select (fleet.Profiles, fleet.Readings, Shuffled: shuffled, Seed: seed)).ToArbitrary(),
            c =>
            {
                var previous = CumulativeRewards.FromAmounts(RewardTreeTests.RandomCumulative(5, c.Seed).Amounts, lastEpoch: 10);
                var implausible = c.Profiles.Keys.Where((_, i) => i % 7 == 3).ToHashSet();
                var oracle = EpochRewardComputation.Compute(new(11, c.Readings, implausible, c.Profiles, previous, Defaults));
                // The verifier rebuilds every input from exported data: its own collections, readings in another order.
                var verifier = EpochRewardComputation.Compute(new(
                    11,
                    c.Shuffled.Select(r => ReadingCodec.TryDecode(ReadingCodec.Encode(r), out _)!).ToArray(),
                    implausible.Reverse().ToHashSet(),
                    c.Profiles.Reverse().ToDictionary(),
                    CumulativeRewards.FromAmounts(previous.Amounts.Reverse(), previous.LastEpoch),
                    new RewardParameters()));
                return oracle.Tree.Root.AsSpan().SequenceEqual(verifier.Tree.Root)
                    && oracle.Rewards.Owners.SequenceEqual(verifier.Rewards.Owners)
                    && oracle.Cumulative.Total - previous.Total == oracle.Rewards.Issued;
            });
}
