using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using OpenVpp.Core.Devices;
using OpenVpp.Core.Readings;
using OpenVpp.Core.Rewards;
using static OpenVpp.Core.Tests.Rewards.RewardFixtures;

namespace OpenVpp.Core.Tests.Rewards;

public class ContributionScorerTests
{
    private static readonly RewardParameters Defaults = new();
    private static readonly HashSet<DeviceId> NoneImplausible = [];

    [Fact]
    public void Scores_the_worked_example_by_hand()
    {
        var scores = ContributionScorer.Score(ExampleReadings(), NoneImplausible, ExampleProfiles(), Defaults);

        // 1 point per Wh produced or exported, 1 point per 10 Wh·h stored, times completeness (of 4 readings per epoch).
        DeviceContribution[] expected =
            [
                new(AlicePv, Alice, DeviceKind.SolarInverter, 2_000, 0, 0, 4, 1_000_000, false, 2_000),
                new(AliceMeter, Alice, DeviceKind.GridMeter, 0, 1_000, 0, 4, 1_000_000, false, 1_000),
                new(AliceLoad, Alice, DeviceKind.HouseholdLoad, 0, 0, 0, 4, 1_000_000, false, 0),
                new(BobBattery, Bob, DeviceKind.Battery, 0, 0, 10_000, 4, 1_000_000, false, 1_000), // 10 kWh for 1 h
                new(BobPv, Bob, DeviceKind.SolarInverter, 3_000, 0, 0, 2, 500_000, false, 1_500), // half the readings
            ];
        Assert.Equal(expected, scores.Contributions);
        Assert.Equal(0, scores.UnknownDeviceReadings);
        Assert.Equal(0, scores.DuplicateReadings);
    }

    [Property(MaxTest = 50)]
    public Property Reading_order_does_not_change_the_scores() =>
        Prop.ForAll(
            (from seed in Gen.Choose(0, int.MaxValue)
             from size in Gen.Choose(1, 40)
             let fleet = WithConflictingDuplicates(RandomFleet(seed, size), seed)
             from shuffled in Gen.Shuffle(fleet.Readings.ToArray())
             select (fleet.Profiles, fleet.Readings, Shuffled: shuffled)).ToArbitrary(),
            c =>
            {
                var implausible = c.Profiles.Keys.Where((_, i) => i % 5 == 0).ToHashSet();
                var expected = ContributionScorer.Score(c.Readings, implausible, c.Profiles, Defaults);
                var actual = ContributionScorer.Score(c.Shuffled, implausible, c.Profiles, Defaults);
                return expected.Contributions.SequenceEqual(actual.Contributions)
                    && expected.DuplicateReadings == actual.DuplicateReadings;
            });

    [Fact]
    public void Orders_rows_by_device_id_bytes()
    {
        var profiles = Profiles(
            new DeviceRewardProfile(Device(0x0200), Alice, DeviceKind.SolarInverter, 0),
            new DeviceRewardProfile(Device(0x00FF), Alice, DeviceKind.SolarInverter, 0),
            new DeviceRewardProfile(Device(0x0100), Alice, DeviceKind.SolarInverter, 0));

        var scores = ContributionScorer.Score(profiles.Keys.Select(id => Quarterly(id, 0, 10)), NoneImplausible, profiles, Defaults);

        Assert.Equal([Device(0x00FF), Device(0x0100), Device(0x0200)], scores.Contributions.Select(c => c.DeviceId).ToArray());
    }

    [Fact]
    public void A_repeated_sequence_number_counts_once_whatever_its_content()
    {
        var profiles = ExampleProfiles();
        List<Reading> readings = [Quarterly(AlicePv, 0, 500), Quarterly(AlicePv, 0, 500), Quarterly(AlicePv, 1, 700), Quarterly(AlicePv, 1, 90)];

        var forwards = ContributionScorer.Score(readings, NoneImplausible, profiles, Defaults);
        readings.Reverse();
        var backwards = ContributionScorer.Score(readings, NoneImplausible, profiles, Defaults);

        var row = Assert.Single(forwards.Contributions);
        Assert.Equal(2, row.ReportedIntervals);
        Assert.Equal(2, forwards.DuplicateReadings);
        // Of the two sequence-1 readings the one whose canonical bytes sort first (90 Wh) is kept, in either order.
        Assert.Equal(590, row.ProducedWh);
        Assert.Equal(row, Assert.Single(backwards.Contributions));
    }

    [Fact]
    public void Readings_of_devices_without_a_profile_are_counted_and_earn_nothing()
    {
        var stranger = Device(0x99);
        List<Reading> readings = [.. ExampleReadings(), Quarterly(stranger, 0, 5_000), Quarterly(stranger, 1, 5_000)];

        var scores = ContributionScorer.Score(readings, new HashSet<DeviceId> { stranger }, ExampleProfiles(), Defaults);

        Assert.Equal(2, scores.UnknownDeviceReadings);
        Assert.DoesNotContain(scores.Contributions, c => c.DeviceId == stranger);
        Assert.Equal(
            ContributionScorer.Score(ExampleReadings(), NoneImplausible, ExampleProfiles(), Defaults).Contributions,
            scores.Contributions);
    }

    [Fact]
    public void An_implausible_device_is_excluded_by_default()
    {
        var scores = ContributionScorer.Score(ExampleReadings(), new HashSet<DeviceId> { AlicePv }, ExampleProfiles(), Defaults);

        var pv = scores.Contributions.Single(c => c.DeviceId == AlicePv);
        Assert.True(pv.Excluded);
        Assert.Equal(0, pv.Points);
        Assert.Equal(2_000, pv.ProducedWh); // still reported, so the export shows what was forfeited
        Assert.All(scores.Contributions.Where(c => c.DeviceId != AlicePv), c => Assert.False(c.Excluded));
        Assert.Equal(1_000, scores.Contributions.Single(c => c.DeviceId == AliceMeter).Points);
    }

    [Fact]
    public void An_implausible_device_keeps_the_configured_share_of_its_points()
    {
        var halve = Defaults with { ImplausibleDevicePointsPpm = 500_000 };

        var scores = ContributionScorer.Score(ExampleReadings(), new HashSet<DeviceId> { AlicePv, BobPv }, ExampleProfiles(), halve);

        Assert.Equal(1_000, scores.Contributions.Single(c => c.DeviceId == AlicePv).Points);
        Assert.Equal(750, scores.Contributions.Single(c => c.DeviceId == BobPv).Points); // 3,000 × ½ complete × ½ kept
    }

    [Fact]
    public void An_implausible_device_with_nothing_accepted_still_gets_a_row()
    {
        var readings = ExampleReadings().Where(r => r.DeviceId != BobBattery);

        var scores = ContributionScorer.Score(readings, new HashSet<DeviceId> { BobBattery }, ExampleProfiles(), Defaults);

        Assert.Contains(new DeviceContribution(BobBattery, Bob, DeviceKind.Battery, 0, 0, 0, 0, 0, true, 0), scores.Contributions);
    }

    [Theory]
    [InlineData(4, 1, 250_000, 750)] // one reading of four
    [InlineData(4, 4, 1_000_000, 3_000)]
    [InlineData(4, 7, 1_000_000, 3_000)] // a gateway catching up sends more than expected: capped at one
    [InlineData(3, 2, 666_666, 1_999)] // 3,000 × 0.666666 = 1,999.998, rounded down
    [InlineData(60, 1, 16_666, 49)]
    public void Points_scale_with_completeness(int expected, int reported, int completenessPpm, long points)
    {
        var parameters = Defaults with { ExpectedIntervalsPerEpoch = expected };
        var profiles = Profiles(new DeviceRewardProfile(AlicePv, Alice, DeviceKind.SolarInverter, 0));
        var readings = Enumerable.Range(0, reported).Select(s => Quarterly(AlicePv, (ulong)s, s == 0 ? 3_000 : 0));

        var row = Assert.Single(ContributionScorer.Score(readings, NoneImplausible, profiles, parameters).Contributions);

        Assert.Equal(reported, row.ReportedIntervals);
        Assert.Equal(completenessPpm, row.CompletenessPpm);
        Assert.Equal(points, row.Points);
    }

    [Fact]
    public void Storage_is_capacity_times_the_hours_the_readings_cover_rounded_down()
    {
        var profiles = Profiles(new DeviceRewardProfile(BobBattery, Bob, DeviceKind.Battery, 10_000));
        // 7 min + 1 ms + 0.9 ms: durations come from whole milliseconds, as in the canonical encoding.
        var start = EpochStart + TimeSpan.FromTicks(3_000);
        Reading[] readings =
        [
            Reading(BobBattery, 0, 0, 0, EpochStart, TimeSpan.FromMinutes(7)),
            Reading(BobBattery, 1, 0, 0, EpochStart + TimeSpan.FromMinutes(7), TimeSpan.FromMilliseconds(1)),
            Reading(BobBattery, 2, 0, 0, start + TimeSpan.FromMinutes(8), TimeSpan.FromTicks(9_000)),
        ];

        var row = Assert.Single(ContributionScorer.Score(readings, NoneImplausible, profiles, Defaults with { ExpectedIntervalsPerEpoch = 3 }).Contributions);

        // 10,000 Wh × 420,002 ms / 3,600,000 ms per h = 1,166.67 Wh·h (the 0.9 ms reading spans two ms ticks: 1 ms).
        Assert.Equal(1_166, row.StorageWhH);
        Assert.Equal(116, row.Points);
    }

    [Fact]
    public void Ev_chargers_household_loads_and_battery_energy_earn_nothing_yet()
    {
        var profiles = Profiles(
            new DeviceRewardProfile(Device(1), Alice, DeviceKind.EvCharger, 0),
            new DeviceRewardProfile(Device(2), Alice, DeviceKind.HouseholdLoad, 0),
            new DeviceRewardProfile(Device(3), Alice, DeviceKind.Battery, 0));

        var scores = ContributionScorer.Score(
            profiles.Keys.SelectMany(id => Enumerable.Range(0, 4).Select(s => Quarterly(id, (ulong)s, 2_000, 2_000))),
            NoneImplausible,
            profiles,
            Defaults);

        Assert.Equal(3, scores.Contributions.Count);
        Assert.All(scores.Contributions, c =>
        {
            Assert.Equal(0, c.Points);
            Assert.Equal(0, c.ProducedWh);
            Assert.Equal(0, c.ExportedWh);
            Assert.Equal(4, c.ReportedIntervals);
        });
    }

    [Fact]
    public void Weights_apply_as_exact_fractions()
    {
        var parameters = Defaults with { ProducedWhPoints = new PointRate(3, 2), StorageWhHPoints = new PointRate(7, 1) };
        var profiles = Profiles(
            new DeviceRewardProfile(AlicePv, Alice, DeviceKind.SolarInverter, 0),
            new DeviceRewardProfile(BobBattery, Bob, DeviceKind.Battery, 100));
        var readings = Enumerable.Range(0, 4).SelectMany(s => new[] { Quarterly(AlicePv, (ulong)s, s == 0 ? 1_001 : 0), Quarterly(BobBattery, (ulong)s, 0) });

        var scores = ContributionScorer.Score(readings, NoneImplausible, profiles, parameters);

        Assert.Equal(1_501, scores.Contributions.Single(c => c.DeviceId == AlicePv).Points); // 1,001 × 3/2 = 1,501.5
        Assert.Equal(700, scores.Contributions.Single(c => c.DeviceId == BobBattery).Points); // 100 Wh × 1 h × 7
    }

    [Fact]
    public void Rejects_readings_that_could_not_have_been_accepted()
    {
        var profiles = ExampleProfiles();

        Assert.Throws<ArgumentException>(() => ContributionScorer.Score([Quarterly(AlicePv, 0, -1)], NoneImplausible, profiles, Defaults));
        Assert.Throws<ArgumentException>(() => ContributionScorer.Score([Quarterly(AlicePv, 0, 0, -1)], NoneImplausible, profiles, Defaults));
        Assert.Throws<ArgumentException>(() => ContributionScorer.Score(
            [Reading(AlicePv, 0, 0, 0, EpochStart, TimeSpan.FromMinutes(-1))], NoneImplausible, profiles, Defaults));
    }

    [Fact]
    public void Rejects_inconsistent_profiles()
    {
        var misfiled = new Dictionary<DeviceId, DeviceRewardProfile> { [AlicePv] = new(BobPv, Bob, DeviceKind.SolarInverter, 0) };
        var negative = Profiles(new DeviceRewardProfile(BobBattery, Bob, DeviceKind.Battery, -1));

        var error = Assert.Throws<ArgumentException>(() => ContributionScorer.Score([], NoneImplausible, misfiled, Defaults));
        Assert.Contains(BobPv.ToString(), error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => ContributionScorer.Score([], NoneImplausible, negative, Defaults));
    }

    /// <summary>Repeats some readings, a few with different energy, so the duplicate rule is exercised too.</summary>
    private static (Dictionary<DeviceId, DeviceRewardProfile> Profiles, List<Reading> Readings) WithConflictingDuplicates(
        (Dictionary<DeviceId, DeviceRewardProfile> Profiles, List<Reading> Readings) fleet,
        int seed)
    {
        var random = new Random(seed);
        var extra = fleet.Readings
            .Where(_ => random.Next(4) == 0)
            .Select(r => random.Next(2) == 0 ? r : r with { EnergyExportedWh = r.EnergyExportedWh + 1 })
            .ToList();
        return (fleet.Profiles, [.. fleet.Readings, .. extra]);
    }
}
