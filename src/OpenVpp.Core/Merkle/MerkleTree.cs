namespace OpenVpp.Core.Merkle;

/// <summary>Epoch data commitment tree, compatible with OpenZeppelin's MerkleProof (being written: Merkle helper).</summary>
public sealed class MerkleTree
{
    private MerkleTree(byte[] root, int count)
    {
        Root = root;
        Count = count;
    }

    public byte[] Root { get; }

    public int Count { get; }

    public static MerkleTree Build(IReadOnlyList<byte[]> leafHashes) => throw new NotImplementedException();
}
