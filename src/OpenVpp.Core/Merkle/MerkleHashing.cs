using OpenVpp.Core.Crypto;

namespace OpenVpp.Core.Merkle;

/// <summary>The hashing steps of <see cref="MerkleTree"/>, kept apart so the hot loop can be tuned on its own.</summary>
internal static class MerkleHashing
{
    /// <summary>OpenZeppelin's commutative hash: keccak256 of the two words in ascending order.</summary>
    public static void HashPairSorted(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, Span<byte> output)
    {
        if (a[..32].SequenceCompareTo(b[..32]) <= 0)
        {
            Keccak256.HashPair(a, b, output);
        }
        else
        {
            Keccak256.HashPair(b, a, output);
        }
    }

    /// <summary>Fills inner nodes lastInner..0, each from children 2i+1 and 2i+2.</summary>
    public static void HashInnerNodes(byte[] nodes, int lastInner)
    {
        for (var i = lastInner; i >= 0; i--)
        {
            var left = nodes.AsSpan(((2 * i) + 1) * 32, 32);
            var right = nodes.AsSpan(((2 * i) + 2) * 32, 32);
            HashPairSorted(left, right, nodes.AsSpan(i * 32, 32));
        }
    }
}
