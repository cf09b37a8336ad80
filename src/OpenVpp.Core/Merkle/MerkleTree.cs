using OpenVpp.Core.Crypto;

namespace OpenVpp.Core.Merkle;

/// <summary>
/// The epoch data commitment: a binary Merkle tree laid out exactly as OpenZeppelin's merkle-tree library lays
/// out a SimpleMerkleTree (leaves sorted, stored right to left at the end of one array, node i hashing children
/// 2i+1 and 2i+2), with OpenZeppelin's commutative pair hash keccak256(min(a,b) || max(a,b)). The root is thus the
/// one their JavaScript library computes for the same leaves, and proofs verify with MerkleProof.verify on-chain.
/// Leaves are keccak256 of a signed reading (140 bytes), so no leaf can be mistaken for a 64-byte inner node.
/// </summary>
public sealed class MerkleTree
{
    public const int HashLength = 32;

    // Node i occupies bytes [32 i, 32 i + 32).
    private readonly byte[] _nodes;

    private MerkleTree(byte[] nodes, int count)
    {
        _nodes = nodes;
        Count = count;
    }

    /// <summary>Number of leaves.</summary>
    public int Count { get; }

    /// <summary>The root; 32 zero bytes for an empty tree (an epoch with no readings).</summary>
    public byte[] Root => Count == 0 ? new byte[HashLength] : _nodes[..HashLength];

    public static byte[] LeafHash(ReadOnlySpan<byte> signedReading) => Keccak256.Hash(signedReading);

    /// <summary>Builds the tree over leaf hashes, in any order: they are sorted first, so the root is order-free.</summary>
    public static MerkleTree Build(IEnumerable<byte[]> leafHashes)
    {
        ArgumentNullException.ThrowIfNull(leafHashes);
        var leaves = leafHashes.ToArray();
        foreach (var leaf in leaves)
        {
            if (leaf.Length != HashLength)
            {
                throw new ArgumentException("Every leaf must be a 32-byte hash.", nameof(leafHashes));
            }
        }

        var count = leaves.Length;
        if (count == 0)
        {
            return new MerkleTree([], 0);
        }

        var nodeCount = (2 * count) - 1;
        // Every node is written below (leaves, then inner nodes), so skip zeroing tens of megabytes first.
        var nodes = GC.AllocateUninitializedArray<byte>(nodeCount * HashLength);
        MerkleLeafOrder.WriteSorted(leaves, nodes);
        MerkleHashing.HashInnerNodes(nodes, nodeCount - count - 1);
        return new MerkleTree(nodes, count);
    }

    /// <summary>Proof for a leaf hash, bottom-up sibling hashes as MerkleProof.verify expects; null when absent.</summary>
    public IReadOnlyList<byte[]>? GetProof(ReadOnlySpan<byte> leafHash)
    {
        var index = IndexOf(leafHash);
        if (index < 0)
        {
            return null;
        }

        var proof = new List<byte[]>();
        while (index > 0)
        {
            var sibling = index % 2 == 1 ? index + 1 : index - 1;
            proof.Add(Node(sibling).ToArray());
            index = (index - 1) / 2;
        }

        return proof;
    }

    /// <summary>OpenZeppelin MerkleProof.verify: fold the proof into the leaf with the commutative pair hash.</summary>
    public static bool Verify(IEnumerable<byte[]> proof, ReadOnlySpan<byte> root, ReadOnlySpan<byte> leafHash)
    {
        ArgumentNullException.ThrowIfNull(proof);
        Span<byte> computed = stackalloc byte[HashLength];
        leafHash.CopyTo(computed);
        foreach (var sibling in proof)
        {
            MerkleHashing.HashPairSorted(computed, sibling, computed);
        }

        return computed.SequenceEqual(root);
    }

    private ReadOnlySpan<byte> Node(int index) => _nodes.AsSpan(index * HashLength, HashLength);

    private int IndexOf(ReadOnlySpan<byte> leafHash)
    {
        // Leaves are sorted ascending and stored right to left, so binary search over leaf order.
        int lo = 0, hi = Count - 1;
        var nodeCount = (2 * Count) - 1;
        while (lo <= hi)
        {
            var mid = lo + ((hi - lo) / 2);
            var cmp = Node(nodeCount - 1 - mid).SequenceCompareTo(leafHash);
            if (cmp == 0)
            {
                return nodeCount - 1 - mid;
            }

            if (cmp < 0)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return -1;
    }
}
