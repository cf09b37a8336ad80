using OpenVpp.Core.Rewards;

namespace OpenVpp.Core.Tests.Rewards;

public class ContributionPointsTests
{
    private static readonly RewardParameters Halves = new()
    {
        ProducedWhPoints = new PointRate(1, 2),
        ExportedWhPoints = new PointRate(1, 2),
        StorageWhHPoints = new PointRate(1, 2),
    };

    [Fact]
    public void Rounds_down_once_over_the_whole_sum_not_per_term()
    {
        // ½ + ½ + ½ = 1.5 points: one point, where rounding each term would give none.
        Assert.Equal(1, ContributionPoints.Compute(1, 1, 1, 1_000_000, false, Halves));
    }

    [Fact]
    public void Completeness_scales_the_exact_sum_not_a_rounded_one()
    {
        // 5 × ½ = 2.5 points × 0.8 complete = 2; rounding 2.5 down first would give 1.6, so 1.
        Assert.Equal(2, ContributionPoints.Compute(5, 0, 0, 800_000, false, Halves));
    }

    [Fact]
    public void Completeness_and_the_implausible_share_multiply_before_rounding()
    {
        var halveImplausible = Halves with { ImplausibleDevicePointsPpm = 500_000 };

        // (3 + 3 + 3) × ½ = 4.5 Wh-points; × 0.5 complete × 0.5 kept = 1.125.
        Assert.Equal(1, ContributionPoints.Compute(3, 3, 3, 500_000, true, halveImplausible));
        // Not excluded: 4.5 × 0.5 = 2.25.
        Assert.Equal(2, ContributionPoints.Compute(3, 3, 3, 500_000, false, halveImplausible));
    }

    [Fact]
    public void Exclusion_by_default_zeroes_any_contribution()
    {
        Assert.Equal(0, ContributionPoints.Compute(long.MaxValue, long.MaxValue, long.MaxValue, 1_000_000, true, new RewardParameters()));
    }

    [Fact]
    public void Does_not_overflow_at_the_extremes()
    {
        // max + max + max/10, over one denominator of 10.
        var expected = 21 * (System.Numerics.BigInteger)long.MaxValue / 10;

        Assert.Equal(expected, ContributionPoints.Compute(long.MaxValue, long.MaxValue, long.MaxValue, 1_000_000, false, new RewardParameters()));
    }

    [Theory]
    [InlineData(-1, 0, 0, 0)]
    [InlineData(0, -1, 0, 0)]
    [InlineData(0, 0, -1, 0)]
    [InlineData(0, 0, 0, -1)]
    [InlineData(0, 0, 0, 1_000_001)]
    public void Rejects_negative_quantities_and_completeness_outside_0_to_1(long produced, long exported, long storage, int completeness)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ContributionPoints.Compute(produced, exported, storage, completeness, false, new RewardParameters()));
    }
}
