using OpenVpp.Core.DemandResponse.Verification;

namespace OpenVpp.Core.Tests.DemandResponse.Verification;

public class FlexibilityRewardTests
{
    private readonly FlexibilityReward _reward = new();

    [Theory]
    [InlineData(900, 0.9, 0.81)] // 0.9 kWh × 0.9
    [InlineData(2_000, 1.5, 2.4)] // 2 kWh × 1.2: over-delivery counts up to the cap
    [InlineData(2_000, 0.49, 0)] // under the 0.5 minimum: nothing
    [InlineData(-500, 0.9, 0)] // the load went up: nothing, and no penalty
    public void The_weight_is_delivered_kwh_times_capped_performance(double deliveredWh, double performance, double expected) =>
        Assert.Equal(expected, _reward.Weight(deliveredWh, performance), 9);

    [Fact]
    public void Invalid_parameters_are_refused()
    {
        Assert.Throws<ArgumentException>(() => new FlexibilityReward(MinPerformance: 2, MaxPerformanceFactor: 1).Weight(1, 1));
        Assert.Throws<ArgumentException>(() => _reward.Weight(double.NaN, 1));
    }
}
