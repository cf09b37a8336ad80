using System.Numerics;
using System.Text.Json;

namespace OpenVpp.Chain.Rpc;

/// <summary>The answer of <c>eth_feeHistory</c> for blocks OldestBlock .. OldestBlock + GasUsedRatio.Count − 1.</summary>
/// <param name="OldestBlock">The first block covered.</param>
/// <param name="BaseFeePerGas">One base fee per block, plus the next block's (so one more than the blocks covered).</param>
/// <param name="GasUsedRatio">Fullness of each block, 0 to 1.</param>
/// <param name="Reward">Per block, the tips at the requested percentiles; empty when none were requested.</param>
public sealed record FeeHistory(
    ulong OldestBlock,
    IReadOnlyList<BigInteger> BaseFeePerGas,
    IReadOnlyList<double> GasUsedRatio,
    IReadOnlyList<IReadOnlyList<BigInteger>> Reward)
{
    /// <summary>The base fee of the block after the newest one covered: what the next transaction will pay.</summary>
    public BigInteger NextBaseFee => BaseFeePerGas[^1];

    internal static FeeHistory Parse(JsonElement history, int percentileCount)
    {
        const string What = "feeHistory";
        RpcJson.RequireObject(history, What);
        var baseFees = new List<BigInteger>();
        foreach (var fee in RpcJson.Array(RpcJson.Field(history, "baseFeePerGas", What), "feeHistory.baseFeePerGas"))
        {
            baseFees.Add(RpcJson.Quantity(fee, "feeHistory.baseFeePerGas[]"));
        }

        var ratios = new List<double>();
        foreach (var ratio in RpcJson.Array(RpcJson.Field(history, "gasUsedRatio", What), "feeHistory.gasUsedRatio"))
        {
            ratios.Add(ratio.ValueKind == JsonValueKind.Number && ratio.TryGetDouble(out var value) && value is >= 0 and <= 1
                ? value
                : throw new RpcProtocolException("feeHistory.gasUsedRatio holds something other than a number in [0, 1]."));
        }

        if (baseFees.Count != ratios.Count + 1)
        {
            throw new RpcProtocolException($"feeHistory has {baseFees.Count} base fees for {ratios.Count} blocks; expected one more.");
        }

        var rewards = new List<IReadOnlyList<BigInteger>>();
        if (percentileCount > 0)
        {
            foreach (var block in RpcJson.Array(RpcJson.Field(history, "reward", What), "feeHistory.reward"))
            {
                var tips = new List<BigInteger>();
                foreach (var tip in RpcJson.Array(block, "feeHistory.reward[]"))
                {
                    tips.Add(RpcJson.Quantity(tip, "feeHistory.reward[][]"));
                }

                rewards.Add(tips.Count == percentileCount
                    ? tips
                    : throw new RpcProtocolException($"feeHistory.reward has {tips.Count} tips for {percentileCount} percentiles."));
            }

            if (rewards.Count != ratios.Count)
            {
                throw new RpcProtocolException($"feeHistory has rewards for {rewards.Count} of {ratios.Count} blocks.");
            }
        }

        return new FeeHistory(RpcJson.Quantity64(history, "oldestBlock", What), baseFees, ratios, rewards);
    }
}
