using OpenVpp.Core.Merkle;
using OpenVpp.Core.Tests.TestSupport;

namespace OpenVpp.Core.Tests.Merkle;

/// <summary>Root and proofs against OpenZeppelin's JavaScript SimpleMerkleTree (see tools/merkle-vectors.mjs).</summary>
public class MerkleTreeOpenZeppelinTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(13)]
    [InlineData(100)]
    [InlineData(1000)]
    public void Root_and_every_proof_match_OpenZeppelin(int count)
    {
        var leaves = RandomLeaves(count, seed: count);

        var tree = MerkleTree.Build(leaves);
        var expected = OpenZeppelinReference.Compute(leaves);

        Assert.Equal(count, tree.Count);
        Assert.Equal(expected.Root, Hex.To0x(tree.Root));
        Assert.Equal(count, expected.Proofs.Count);
        foreach (var leaf in leaves)
        {
            var proof = tree.GetProof(leaf);
            Assert.NotNull(proof);
            Assert.Equal(expected.Proofs[Hex.To0x(leaf)], proof.Select(p => Hex.To0x(p)).ToArray());
            Assert.True(MerkleTree.Verify(proof, tree.Root, leaf));
        }
    }

    [Fact]
    public void Root_and_every_proof_match_OpenZeppelin_when_leaves_share_long_prefixes()
    {
        var leaves = RandomLeaves(40, seed: 40);
        for (var i = 0; i < leaves.Length; i++)
        {
            // Groups of four tie on their first 8..31 bytes.
            leaves[i / 4].AsSpan(0, 8 + (i % 24)).CopyTo(leaves[i]);
        }

        leaves = leaves.DistinctBy(l => Hex.To0x(l)).ToArray();
        var tree = MerkleTree.Build(leaves);
        var expected = OpenZeppelinReference.Compute(leaves);

        Assert.Equal(expected.Root, Hex.To0x(tree.Root));
        foreach (var leaf in leaves)
        {
            Assert.Equal(expected.Proofs[Hex.To0x(leaf)], tree.GetProof(leaf)!.Select(p => Hex.To0x(p)).ToArray());
        }
    }

    internal static byte[][] RandomLeaves(int count, int seed)
    {
        var random = new Random(seed);
        var leaves = new byte[count][];
        for (var i = 0; i < count; i++)
        {
            leaves[i] = new byte[32];
            random.NextBytes(leaves[i]);
        }

        return leaves;
    }
}
