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
    [InlineData(MerkleHashing.ParallelLevelThreshold + 1)] // every level below the threshold: sequential
    [InlineData(2 * MerkleHashing.ParallelLevelThreshold)] // the deepest level is just wide enough to go parallel
    [InlineData((2 * MerkleHashing.ParallelLevelThreshold) + 1)] // plus one node on a level of its own
    [InlineData((5 * MerkleHashing.ChunkSize) + 3)] // a partial last chunk
    [InlineData(65_537)] // leaf ordering runs in parallel too
    [InlineData(100_003)]
    public void Root_and_sampled_proofs_match_a_sequential_reference(int count)
    {
        AssertMatchesReference(MerkleTreeOpenZeppelinTests.RandomLeaves(count, seed: count));
    }

    [Theory]
    [InlineData(50)]
    [InlineData(70_001)]
    public void Orders_leaves_that_share_their_first_8_bytes_bytewise(int count)
    {
        // Leaves are sorted by an 8-byte key first; these tie on it in small groups and must fall back to full order.
        var leaves = MerkleTreeOpenZeppelinTests.RandomLeaves(count, seed: count);
        for (var i = 0; i < count; i++)
        {
            leaves[i / 3].AsSpan(0, 8).CopyTo(leaves[i]);
        }

        AssertMatchesReference(leaves);
    }

    [Fact]
    public void Keeps_duplicate_leaves_as_OpenZeppelin_does()
    {
        var leaves = MerkleTreeOpenZeppelinTests.RandomLeaves(9, seed: 9);
        leaves[5] = (byte[])leaves[2].Clone();

        var tree = MerkleTree.Build(leaves);

        Assert.Equal(9, tree.Count);
        AssertMatchesReference(leaves);
    }

    private static void AssertMatchesReference(byte[][] leaves)
    {
        var count = leaves.Length;

        var tree = MerkleTree.Build(leaves);
        var reference = SequentialReference(leaves);

        Assert.Equal(Hex.To0x(reference[0]), Hex.To0x(tree.Root));
        var random = new Random(count);
        for (var i = 0; i < Math.Min(50, count); i++)
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
