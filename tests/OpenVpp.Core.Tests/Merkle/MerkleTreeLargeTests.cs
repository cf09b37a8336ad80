using OpenVpp.Core.Merkle;
using OpenVpp.Core.Tests.TestSupport;

namespace OpenVpp.Core.Tests.Merkle;

/// <summary>
/// Trees big enough to take the parallel, level-by-level path, checked against a plain sequential fold over the
/// same OpenZeppelin layout with BouncyCastle's Keccak, so neither our hash nor our threading is trusted.
/// </summary>
public class MerkleTreeLargeTests
{
    [Theory]
    [InlineData(4_095)]
    [InlineData(4_096)]
    [InlineData(4_097)]
    [InlineData(65_537)]
    [InlineData(100_003)]
    public void Root_and_sampled_proofs_match_a_sequential_reference(int count)
    {
        var leaves = MerkleTreeOpenZeppelinTests.RandomLeaves(count, seed: count);

        var tree = MerkleTree.Build(leaves);
        var reference = SequentialReference(leaves);

        Assert.Equal(Hex.To0x(reference[0]), Hex.To0x(tree.Root));
        var random = new Random(count);
        for (var i = 0; i < 50; i++)
        {
            var leaf = leaves[random.Next(count)];
            Assert.True(MerkleTree.Verify(tree.GetProof(leaf)!, reference[0], leaf));
        }
    }

    private static byte[][] SequentialReference(byte[][] leaves)
    {
        var sorted = leaves.OrderBy(l => Hex.To0x(l), StringComparer.Ordinal).ToArray();
        var nodes = new byte[(2 * sorted.Length) - 1][];
        for (var i = 0; i < sorted.Length; i++)
        {
            nodes[nodes.Length - 1 - i] = sorted[i];
        }

        for (var i = nodes.Length - sorted.Length - 1; i >= 0; i--)
        {
            var (a, b) = (nodes[(2 * i) + 1], nodes[(2 * i) + 2]);
            nodes[i] = a.AsSpan().SequenceCompareTo(b) <= 0 ? BouncyKeccak.Hash([.. a, .. b]) : BouncyKeccak.Hash([.. b, .. a]);
        }

        return nodes;
    }
}
