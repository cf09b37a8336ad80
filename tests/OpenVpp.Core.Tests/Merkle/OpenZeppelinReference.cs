using System.Text.Json;
using OpenVpp.Core.Tests.TestSupport;

namespace OpenVpp.Core.Tests.Merkle;

/// <summary>
/// Runs tools/merkle-vectors.mjs, which builds the same tree with OpenZeppelin's own JavaScript library, so the C#
/// tree is checked against an implementation we did not write.
/// </summary>
public static class OpenZeppelinReference
{
    public sealed record Result(string Root, IReadOnlyDictionary<string, string[]> Proofs);

    public static Result Compute(IEnumerable<byte[]> leaves)
    {
        var stdout = NodeScript.Run(
            "merkle-vectors.mjs",
            "@openzeppelin/merkle-tree",
            JsonSerializer.Serialize(leaves.Select(l => Hex.To0x(l)).ToArray()));
        using var json = JsonDocument.Parse(stdout);
        var root = json.RootElement.GetProperty("root").GetString()!;
        var proofs = json.RootElement.GetProperty("proofs").EnumerateObject().ToDictionary(
            p => p.Name,
            p => p.Value.EnumerateArray().Select(e => e.GetString()!).ToArray(),
            StringComparer.Ordinal);
        return new Result(root, proofs);
    }
}
