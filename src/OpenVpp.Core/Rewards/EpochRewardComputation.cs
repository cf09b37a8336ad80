namespace OpenVpp.Core.Rewards;

/// <summary>
/// One epoch of the rewards oracle, start to finish, with no I/O: score the readings, split the emission, add it to
/// the cumulative balances and build the tree whose root is committed. The node's oracle and `openvpp verify-epoch`
/// both call <see cref="Compute"/>, so a verifier re-runs exactly the code that produced the committed root.
/// </summary>
public sealed record EpochRewardComputation(
    ContributionScores Scores,
    EpochRewards Rewards,
    CumulativeRewards Cumulative,
    RewardTree Tree)
{
    public static EpochRewardComputation Compute(EpochRewardInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(inputs.Previous, nameof(inputs));
        var scores = ContributionScorer.Score(inputs.AcceptedReadings, inputs.ImplausibleDevices, inputs.Devices, inputs.Parameters, inputs.FlexibilityWhByDevice());
        var rewards = RewardAllocator.Allocate(inputs.Epoch, scores.Contributions, inputs.Parameters);
        var cumulative = inputs.Previous.Apply(rewards);
        return new EpochRewardComputation(scores, rewards, cumulative, RewardTree.Build(cumulative));
    }
}
