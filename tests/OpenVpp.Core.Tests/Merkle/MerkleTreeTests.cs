using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using OpenVpp.Core.Merkle;
using OpenVpp.Core.Tests.TestSupport;

namespace OpenVpp.Core.Tests.Merkle;

public class MerkleTreeTests
{
    [Fact]
    public void Empty_tree_has_a_root_of_32_zero_bytes()
    {
        var tree = MerkleTree.Build([]);

        Assert.Equal(0, tree.Count);
        Assert.Equal(new byte[32], tree.Root);
        Assert.Null(tree.GetProof(new byte[32]));
    }

    [Fact]
    public void Single_leaf_is_its_own_root_with_an_empty_proof()
    {
        var leaf = MerkleTreeOpenZeppelinTests.RandomLeaves(1, seed: 7)[0];

        var tree = MerkleTree.Build([leaf]);

        Assert.Equal(leaf, tree.Root);
        Assert.Empty(tree.GetProof(leaf)!);
        Assert.True(MerkleTree.Verify([], tree.Root, leaf));
    }

    [Fact]
    public void Returns_no_proof_for_a_leaf_that_is_not_in_the_tree()
    {
        var leaves = MerkleTreeOpenZeppelinTests.RandomLeaves(10, seed: 1);
        var tree = MerkleTree.Build(leaves[..9]);

        Assert.Null(tree.GetProof(leaves[9]));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(31)]
    [InlineData(33)]
    public void Build_rejects_a_leaf_that_is_not_32_bytes(int length)
    {
        byte[][] leaves = [new byte[32], new byte[length]];

        Assert.Throws<ArgumentException>(() => MerkleTree.Build(leaves));
    }

    [Fact]
    public void Verify_rejects_a_proof_with_any_flipped_bit()
    {
        var leaves = MerkleTreeOpenZeppelinTests.RandomLeaves(37, seed: 37);
        var tree = MerkleTree.Build(leaves);
        var leaf = leaves[11];
        var proof = tree.GetProof(leaf)!.ToArray();

        for (var step = 0; step < proof.Length; step++)
        {
            for (var bit = 0; bit < 256; bit += 7)
            {
                var tampered = proof.Select(p => (byte[])p.Clone()).ToArray();
                tampered[step][bit / 8] ^= (byte)(1 << (bit % 8));
                Assert.False(MerkleTree.Verify(tampered, tree.Root, leaf), $"step {step}, bit {bit}");
            }
        }
    }

    [Fact]
    public void Verify_rejects_a_tampered_leaf_a_wrong_root_and_a_shortened_or_lengthened_proof()
    {
        var leaves = MerkleTreeOpenZeppelinTests.RandomLeaves(37, seed: 38);
        var tree = MerkleTree.Build(leaves);
        var leaf = leaves[3];
        var proof = tree.GetProof(leaf)!.ToArray();
        var tamperedLeaf = (byte[])leaf.Clone();
        tamperedLeaf[31] ^= 1;
        var wrongRoot = tree.Root;
        wrongRoot[0] ^= 0x80;

        Assert.True(MerkleTree.Verify(proof, tree.Root, leaf));
        Assert.False(MerkleTree.Verify(proof, tree.Root, tamperedLeaf));
        Assert.False(MerkleTree.Verify(proof, wrongRoot, leaf));
        Assert.False(MerkleTree.Verify(proof[..^1], tree.Root, leaf));
        Assert.False(MerkleTree.Verify([.. proof, leaf], tree.Root, leaf));
        Assert.False(MerkleTree.Verify(tree.GetProof(leaves[4])!, tree.Root, leaf));
    }

    [Fact]
    public void Root_is_a_fresh_copy_callers_cannot_corrupt()
    {
        var tree = MerkleTree.Build(MerkleTreeOpenZeppelinTests.RandomLeaves(5, seed: 5));
        var root = tree.Root;

        root[0] ^= 0xFF;

        Assert.NotEqual(root, tree.Root);
    }

    [Property(MaxTest = 50)]
    public Property Root_does_not_depend_on_leaf_order() =>
        Prop.ForAll(
            (from count in Gen.Choose(1, 200)
             from seed in ArbMap.Default.GeneratorFor<int>()
             let leaves = MerkleTreeOpenZeppelinTests.RandomLeaves(count, seed)
             from shuffled in Gen.Shuffle(leaves)
             select (leaves, shuffled)).ToArbitrary(),
            pair => MerkleTree.Build(pair.leaves).Root.AsSpan().SequenceEqual(MerkleTree.Build(pair.shuffled).Root));

    [Fact]
    public void Leaf_hash_is_keccak_of_the_signed_reading()
    {
        var signedReading = Enumerable.Range(0, 140).Select(i => (byte)i).ToArray();

        Assert.Equal(BouncyKeccak.Hash(signedReading), MerkleTree.LeafHash(signedReading));
    }
}
