using System.Globalization;
using System.Numerics;
using System.Text.Json;
using OpenVpp.Core.Accounts;
using OpenVpp.Core.Tests.TestSupport;

namespace OpenVpp.Core.Tests.Rewards;

/// <summary>
/// Runs tools/reward-tree-vectors.mjs: OpenZeppelin's StandardMerkleTree.of(values, ["address", "uint256"]), the
/// tree RewardDistributor checks claims against, so RewardTree is compared with an implementation we did not write.
/// </summary>
public static class RewardTreeReference
{
    public sealed record Result(string Root, IReadOnlyDictionary<string, string> Leaves, IReadOnlyDictionary<string, string[]> Proofs);

    public static Result Compute(IEnumerable<KeyValuePair<AccountAddress, BigInteger>> values)
    {
        var input = values.Select(v => new[] { v.Key.ToString(), v.Value.ToString(CultureInfo.InvariantCulture) }).ToArray();
        var stdout = NodeScript.Run("reward-tree-vectors.mjs", "@openzeppelin/merkle-tree", JsonSerializer.Serialize(input));
        using var json = JsonDocument.Parse(stdout);
        var root = json.RootElement.GetProperty("root").GetString()!;
        var leaves = json.RootElement.GetProperty("leaves").EnumerateObject().ToDictionary(
            p => p.Name,
            p => p.Value.GetString()!,
            StringComparer.Ordinal);
        var proofs = json.RootElement.GetProperty("proofs").EnumerateObject().ToDictionary(
            p => p.Name,
            p => p.Value.EnumerateArray().Select(e => e.GetString()!).ToArray(),
            StringComparer.Ordinal);
        return new Result(root, leaves, proofs);
    }
}
