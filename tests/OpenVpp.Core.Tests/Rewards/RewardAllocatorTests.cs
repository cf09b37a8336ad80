using System.Numerics;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using OpenVpp.Core.Accounts;
using OpenVpp.Core.Devices;
using OpenVpp.Core.Rewards;
using static OpenVpp.Core.Tests.Rewards.RewardFixtures;

namespace OpenVpp.Core.Tests.Rewards;

public class RewardAllocatorTests
{
    private static readonly RewardParameters Defaults = new();

    [Fact]
    public void Splits_the_worked_example_to_the_base_unit()
    {
        var scores = ContributionScorer.Score(ExampleReadings(), new HashSet<DeviceId>(), ExampleProfiles(), Defaults);

        var rewards = RewardAllocator.Allocate(0, scores.Contributions, Defaults);

        // Alice 3,000 points, Bob 2,500: 1,000 OVPP × 6/11 and × 5/11. 6e21 mod 11 = 5 and 5e21 mod 11 = 6, so Bob
        // has the larger remainder and the one base unit left over.
        Assert.Equal(Units("1000000000000000000000"), rewards.Issued);
        Assert.Equal(
            [
                new OwnerReward(Alice, 3_000, Units("545454545454545454545")),
                new OwnerReward(Bob, 2_500, Units("454545454545454545455")),
            ],
            rewards.Owners.ToArray());
    }

    [Fact]
    public void An_implausible_devices_share_goes_to_the_others()
    {
        var scores = ContributionScorer.Score(ExampleReadings(), new HashSet<DeviceId> { AlicePv }, ExampleProfiles(), Defaults);

        var rewards = RewardAllocator.Allocate(0, scores.Contributions, Defaults);

        // Alice keeps only her meter's 1,000 points against Bob's 2,500: 2/7 and 5/7. Remainders 5 and 2 of 7: Alice rounds up.
        Assert.Equal(Units("285714285714285714286"), rewards.AmountFor(Alice));
        Assert.Equal(Units("714285714285714285714"), rewards.AmountFor(Bob));
        Assert.Equal(rewards.Issued, rewards.AmountFor(Alice) + rewards.AmountFor(Bob));
    }

    [Fact]
    public void Halving_an_implausible_device_splits_accordingly()
    {
        var halve = Defaults with { ImplausibleDevicePointsPpm = 500_000 };
        var scores = ContributionScorer.Score(ExampleReadings(), new HashSet<DeviceId> { AlicePv }, ExampleProfiles(), halve);

        var rewards = RewardAllocator.Allocate(0, scores.Contributions, halve);

        // 2,000 against 2,500 points: 4/9 and 5/9, remainders 4 and 5 of 9: Bob rounds up.
        Assert.Equal(Units("444444444444444444444"), rewards.AmountFor(Alice));
        Assert.Equal(Units("555555555555555555556"), rewards.AmountFor(Bob));
    }

    [Fact]
    public void Ties_in_the_remainder_go_to_the_lower_address()
    {
        var p = Defaults with { InitialEpochEmission = 100 };
        DeviceContribution[] contributions = [Row(1, Owner(3), 1), Row(2, Owner(1), 1), Row(3, Owner(2), 1)];

        var rewards = RewardAllocator.Allocate(0, contributions, p);

        Assert.Equal([Owner(1), Owner(2), Owner(3)], rewards.Owners.Select(o => o.Owner).ToArray());
        Assert.Equal([34, 33, 33], rewards.Owners.Select(o => (int)o.Amount).ToArray());
    }

    [Fact]
    public void Leftover_units_go_to_the_largest_remainders_before_address_order()
    {
        var p = Defaults with { InitialEpochEmission = 10 };
        // Points 5, 1, 1 of 7: exact shares 7.14, 1.43, 1.43 → floors 7, 1, 1 with one unit left; remainders 1, 3, 3 of 7.
        // The lowest address has the smallest remainder, so the unit goes to the next one.
        DeviceContribution[] contributions = [Row(1, Owner(1), 5), Row(2, Owner(2), 1), Row(3, Owner(3), 1)];

        var rewards = RewardAllocator.Allocate(0, contributions, p);

        Assert.Equal([7, 2, 1], rewards.Owners.Select(o => (int)o.Amount).ToArray());
    }

    [Fact]
    public void Sums_an_owners_devices()
    {
        DeviceContribution[] contributions = [Row(1, Owner(1), 1), Row(2, Owner(2), 2), Row(3, Owner(1), 1)];

        var rewards = RewardAllocator.Allocate(0, contributions, Defaults with { InitialEpochEmission = 1_000 });

        Assert.Equal([new OwnerReward(Owner(1), 2, 500), new OwnerReward(Owner(2), 2, 500)], rewards.Owners.ToArray());
    }

    [Fact]
    public void Issues_nothing_when_nobody_earned_points()
    {
        DeviceContribution[] contributions = [Row(1, Owner(1), 0), Row(2, Owner(2), 0)];

        var none = RewardAllocator.Allocate(5, contributions, Defaults);
        var empty = RewardAllocator.Allocate(5, [], Defaults);

        Assert.Equal(5, none.Epoch);
        Assert.Equal(Ovpp.FromTokens(1_000), none.ScheduledEmission);
        Assert.Equal(0, none.Issued);
        Assert.Empty(none.Owners);
        Assert.Equal(0, empty.Issued);
    }

    [Fact]
    public void Issues_nothing_once_the_emission_has_halved_to_zero()
    {
        var p = Defaults with { InitialEpochEmission = 1, HalvingIntervalEpochs = 1 };

        Assert.Equal(1, RewardAllocator.Allocate(0, [Row(1, Owner(1), 1)], p).Issued);
        Assert.Equal(0, RewardAllocator.Allocate(1, [Row(1, Owner(1), 1)], p).Issued);
    }

    [Fact]
    public void Owners_whose_share_rounds_to_zero_are_left_out()
    {
        var p = Defaults with { InitialEpochEmission = 3 };
        DeviceContribution[] contributions = [Row(1, Owner(1), 1_000), Row(2, Owner(2), 1_000), Row(3, Owner(3), 1_000), Row(4, Owner(4), 1)];

        var rewards = RewardAllocator.Allocate(0, contributions, p);

        Assert.Equal([Owner(1), Owner(2), Owner(3)], rewards.Owners.Select(o => o.Owner).ToArray());
        Assert.Equal(BigInteger.Zero, rewards.AmountFor(Owner(4)));
        Assert.Equal(3, rewards.Issued);
    }

    [Fact]
    public void Rejects_a_device_counted_twice_or_negative_points()
    {
        Assert.Throws<ArgumentException>(() => RewardAllocator.Allocate(0, [Row(1, Owner(1), 1), Row(1, Owner(2), 1)], Defaults));
        Assert.Throws<ArgumentException>(() => RewardAllocator.Allocate(0, [Row(1, Owner(1), -1)], Defaults));
    }

    [Property(MaxTest = 300)]
    public Property Amounts_always_add_up_to_the_emission_and_stay_within_one_unit_of_the_exact_share() =>
        Prop.ForAll(
            (from emission in Gen.OneOf(Gen.Choose(0, 1_000).Select(v => (BigInteger)v), ArbMap.Default.GeneratorFor<ulong>().Select(v => (BigInteger)v * v))
             from rows in Gen.ListOf(
                 from owner in Gen.Choose(1, 12)
                 from points in Gen.OneOf(Gen.Choose(0, 10), Gen.Choose(0, int.MaxValue), ArbMap.Default.GeneratorFor<ulong>().Select(v => (int)(v % 1_000_000)))
                 select (owner, points))
             select (emission, rows)).ToArbitrary(),
            c =>
            {
                var p = Defaults with { InitialEpochEmission = c.emission };
                var contributions = c.rows.Select((r, i) => Row(i, Owner(r.owner), r.points)).ToArray();
                var rewards = RewardAllocator.Allocate(0, contributions, p);

                var pointsByOwner = contributions.GroupBy(r => r.Owner).ToDictionary(g => g.Key, g => g.Aggregate(BigInteger.Zero, (s, r) => s + r.Points));
                var total = pointsByOwner.Values.Aggregate(BigInteger.Zero, (s, v) => s + v);
                var sum = rewards.Owners.Aggregate(BigInteger.Zero, (s, o) => s + o.Amount);
                var expectedIssued = total.IsZero ? BigInteger.Zero : c.emission;
                var withinOne = pointsByOwner.All(o =>
                {
                    var floor = c.emission * o.Value / BigInteger.Max(total, 1);
                    var amount = rewards.AmountFor(o.Key);
                    return amount == floor || amount == floor + 1;
                });
                var ordered = rewards.Owners.Zip(rewards.Owners.Skip(1)).All(pair => pair.First.Owner < pair.Second.Owner);
                return (sum == expectedIssued && rewards.Issued == expectedIssued && withinOne && ordered
                        && rewards.Owners.All(o => o.Amount > 0))
                    .Label($"emission {c.emission}, issued {rewards.Issued}, sum {sum}");
            });

    [Property(MaxTest = 100)]
    public Property Contribution_order_does_not_change_the_split() =>
        Prop.ForAll(
            (from rows in Gen.ListOf(Gen.Choose(0, 1_000_000))
             let contributions = rows.Select((points, i) => Row(i, Owner(i % 7), points)).ToArray()
             from shuffled in Gen.Shuffle(contributions)
             select (contributions, shuffled)).ToArbitrary(),
            c => RewardAllocator.Allocate(0, c.contributions, Defaults).Owners
                .SequenceEqual(RewardAllocator.Allocate(0, c.shuffled, Defaults).Owners));

    private static DeviceContribution Row(int device, AccountAddress owner, BigInteger points) =>
        new(Device(device), owner, DeviceKind.SolarInverter, 0, 0, 0, 4, 1_000_000, false, points);
}
