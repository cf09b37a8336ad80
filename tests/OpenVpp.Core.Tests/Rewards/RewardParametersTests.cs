using System.Numerics;
using OpenVpp.Core.Rewards;

namespace OpenVpp.Core.Tests.Rewards;

public class RewardParametersTests
{
    [Fact]
    public void Defaults_are_the_documented_network_values()
    {
        var p = new RewardParameters();

        Assert.Equal(BigInteger.Parse("1000000000000000000000", System.Globalization.CultureInfo.InvariantCulture), p.InitialEpochEmission);
        Assert.Equal(8_760, p.HalvingIntervalEpochs);
        Assert.Equal(0, p.GenesisEpoch);
        Assert.Equal(new PointRate(1, 1), p.ProducedWhPoints);
        Assert.Equal(new PointRate(1, 1), p.ExportedWhPoints);
        Assert.Equal(new PointRate(1, 10), p.StorageWhHPoints);
        Assert.Equal(4, p.ExpectedIntervalsPerEpoch);
        Assert.Equal(0, p.ImplausibleDevicePointsPpm);
    }

    [Fact]
    public void Rejects_invalid_values_naming_the_parameter()
    {
        var p = new RewardParameters();

        AssertRejected(nameof(RewardParameters.InitialEpochEmission), () => p with { InitialEpochEmission = -1 });
        AssertRejected(nameof(RewardParameters.InitialEpochEmission), () => p with { InitialEpochEmission = BigInteger.One << 128 });
        AssertRejected(nameof(RewardParameters.HalvingIntervalEpochs), () => p with { HalvingIntervalEpochs = 0 });
        AssertRejected(nameof(RewardParameters.GenesisEpoch), () => p with { GenesisEpoch = -1 });
        AssertRejected(nameof(RewardParameters.ProducedWhPoints), () => p with { ProducedWhPoints = default });
        AssertRejected(nameof(RewardParameters.ExportedWhPoints), () => p with { ExportedWhPoints = default });
        AssertRejected(nameof(RewardParameters.StorageWhHPoints), () => p with { StorageWhHPoints = default });
        AssertRejected(nameof(RewardParameters.ExpectedIntervalsPerEpoch), () => p with { ExpectedIntervalsPerEpoch = 0 });
        AssertRejected(nameof(RewardParameters.ImplausibleDevicePointsPpm), () => p with { ImplausibleDevicePointsPpm = -1 });
        AssertRejected(nameof(RewardParameters.ImplausibleDevicePointsPpm), () => p with { ImplausibleDevicePointsPpm = 1_000_001 });
    }

    [Fact]
    public void Accepts_the_edges_of_each_range()
    {
        var p = new RewardParameters
        {
            InitialEpochEmission = (BigInteger.One << 128) - 1,
            HalvingIntervalEpochs = 1,
            GenesisEpoch = 0,
            ProducedWhPoints = new PointRate(0, 1),
            ExpectedIntervalsPerEpoch = 1,
            ImplausibleDevicePointsPpm = 1_000_000,
        };

        Assert.Equal(1_000_000, p.ImplausibleDevicePointsPpm);
        Assert.Equal(0, (p with { InitialEpochEmission = 0 }).InitialEpochEmission);
    }

    [Theory]
    [InlineData(-1, 1)]
    [InlineData(1, 0)]
    [InlineData(1, -10)]
    public void A_point_rate_is_a_non_negative_fraction(long points, long perUnits)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new PointRate(points, perUnits));
    }

    [Theory]
    [InlineData(60, 15, 4)]
    [InlineData(60, 1, 60)]
    [InlineData(60, 60, 1)]
    [InlineData(60, 7, 8)] // 8.57 rounded down: never ask for a reading that could not be sent
    [InlineData(1440, 15, 96)]
    public void Expected_intervals_follow_from_the_epoch_length_and_reading_interval(int epochMinutes, int intervalMinutes, int expected)
    {
        var p = new RewardParameters().WithReadingCadence(TimeSpan.FromMinutes(epochMinutes), TimeSpan.FromMinutes(intervalMinutes));

        Assert.Equal(expected, p.ExpectedIntervalsPerEpoch);
    }

    [Fact]
    public void Reading_cadence_rejects_a_non_positive_interval_or_one_longer_than_the_epoch()
    {
        var p = new RewardParameters();

        Assert.Throws<ArgumentOutOfRangeException>(() => p.WithReadingCadence(TimeSpan.FromHours(1), TimeSpan.Zero));
        Assert.Throws<ArgumentOutOfRangeException>(() => p.WithReadingCadence(TimeSpan.FromHours(1), TimeSpan.FromMinutes(-15)));
        Assert.Throws<ArgumentOutOfRangeException>(() => p.WithReadingCadence(TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(15)));
        Assert.Throws<ArgumentOutOfRangeException>(() => p.WithReadingCadence(TimeSpan.FromDays(10_000), TimeSpan.FromTicks(1)));
    }

    private static void AssertRejected(string parameter, Func<RewardParameters> build)
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => build());
        Assert.Equal(parameter, error.ParamName);
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
    }
}
