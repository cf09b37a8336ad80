using System.Numerics;
using OpenVpp.Core.Rewards;

namespace OpenVpp.Core.Tests.Rewards;

public class EmissionScheduleTests
{
    private static readonly BigInteger Thousand = Ovpp.FromTokens(1_000);

    [Theory]
    [InlineData(0, 1000)]
    [InlineData(1, 1000)]
    [InlineData(8_759, 1000)] // last epoch of the first year
    [InlineData(8_760, 500)] // first halving
    [InlineData(17_519, 500)]
    [InlineData(17_520, 250)]
    [InlineData(26_280, 125)]
    public void Halves_every_8760_epochs(long epoch, long tokens)
    {
        Assert.Equal(Ovpp.FromTokens(tokens), EmissionSchedule.EmissionFor(epoch, new RewardParameters()));
    }

    [Fact]
    public void Issues_nothing_before_genesis_and_counts_halvings_from_it()
    {
        var p = new RewardParameters { GenesisEpoch = 100, HalvingIntervalEpochs = 10 };

        Assert.Equal(0, EmissionSchedule.EmissionFor(-1, p));
        Assert.Equal(0, EmissionSchedule.EmissionFor(99, p));
        Assert.Equal(Thousand, EmissionSchedule.EmissionFor(100, p));
        Assert.Equal(Thousand, EmissionSchedule.EmissionFor(109, p));
        Assert.Equal(Thousand / 2, EmissionSchedule.EmissionFor(110, p));
    }

    [Fact]
    public void Halving_is_an_integer_shift_that_reaches_zero()
    {
        var p = new RewardParameters { InitialEpochEmission = 5, HalvingIntervalEpochs = 1 };

        Assert.Equal([5, 2, 1, 0, 0], Enumerable.Range(0, 5).Select(e => (int)EmissionSchedule.EmissionFor(e, p)).ToArray());
        Assert.Equal(0, EmissionSchedule.EmissionFor(long.MaxValue, p));
        Assert.Equal(0, EmissionSchedule.EmissionFor(long.MaxValue, new RewardParameters { HalvingIntervalEpochs = 1 }));
    }

    [Fact]
    public void Max_supply_of_the_defaults_is_about_17_52_million_OVPP()
    {
        var p = new RewardParameters();

        var max = EmissionSchedule.MaxSupply(p);

        // Σ floor(E / 2^k) = 2E − popcount(E) for every E ≥ 0.
        var popcount = BigInteger.PopCount(p.InitialEpochEmission);
        Assert.Equal(8_760 * ((2 * p.InitialEpochEmission) - popcount), max);
        Assert.True(max < 2 * p.InitialEpochEmission * p.HalvingIntervalEpochs);
        Assert.True(max > Ovpp.FromTokens(17_519_999));
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(5, 3)]
    [InlineData(1000, 7)]
    [InlineData(1023, 2)]
    [InlineData(1024, 5)]
    public void Max_supply_is_the_sum_of_every_epochs_emission(long initial, long interval)
    {
        var p = new RewardParameters { InitialEpochEmission = initial, HalvingIntervalEpochs = interval, GenesisEpoch = 3 };

        var sum = BigInteger.Zero;
        for (long epoch = 0; epoch < 3 + (interval * 64); epoch++)
        {
            sum += EmissionSchedule.EmissionFor(epoch, p);
        }

        Assert.Equal(sum, EmissionSchedule.MaxSupply(p));
    }

    [Fact]
    public void Max_supply_of_nothing_is_nothing()
    {
        Assert.Equal(0, EmissionSchedule.MaxSupply(new RewardParameters { InitialEpochEmission = 0 }));
    }
}
