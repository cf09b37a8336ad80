using System.Numerics;
using OpenVpp.Core.Crypto;

namespace OpenVpp.Core.Merkle;

/// <summary>The hashing steps of <see cref="MerkleTree"/>, kept apart so the hot loop can be tuned on its own.</summary>
internal static class MerkleHashing
{
    /// <summary>Levels with fewer inner nodes than this are hashed on the calling thread: a fork costs more than it saves.</summary>
    internal const int ParallelLevelThreshold = 4096;

    /// <summary>Nodes per parallel work item, about half a millisecond of hashing: coarse enough to keep overhead low.</summary>
    internal const int ChunkSize = 2048;

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

    /// <summary>
    /// Fills inner nodes lastInner..0, each from children 2i+1 and 2i+2. Nodes of depth k are [2^k − 1, 2^(k+1) − 2]
    /// and depend only on depth k + 1, so the tree is hashed one level at a time from the deepest, and a wide level
    /// is split across cores.
    /// </summary>
    public static void HashInnerNodes(byte[] nodes, int lastInner)
    {
        if (lastInner < 0)
        {
            return;
        }

        for (var depth = BitOperations.Log2((uint)lastInner + 1); depth >= 0; depth--)
        {
            var first = (1 << depth) - 1;
            var last = Math.Min(2 * first, lastInner);
            var width = last - first + 1;
            if (width < ParallelLevelThreshold)
            {
                HashRange(nodes, first, last);
                continue;
            }

            var chunks = (width + ChunkSize - 1) / ChunkSize;
            Parallel.For(0, chunks, chunk =>
            {
                var from = first + (chunk * ChunkSize);
                HashRange(nodes, from, Math.Min(from + ChunkSize - 1, last));
            });
        }
    }

    private static void HashRange(byte[] nodes, int first, int last)
    {
        for (var i = first; i <= last; i++)
        {
            var children = nodes.AsSpan(((2 * i) + 1) * 32, 64);
            HashPairSorted(children[..32], children[32..], nodes.AsSpan(i * 32, 32));
        }
    }
}
