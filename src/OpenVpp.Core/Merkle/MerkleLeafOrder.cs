using System.Buffers;
using System.Buffers.Binary;

namespace OpenVpp.Core.Merkle;

/// <summary>
/// Puts leaf hashes into the tree array in OpenZeppelin's order (ascending bytes, stored right to left at the end).
/// Sorting a million byte arrays through a comparison delegate costs more than hashing the tree, so leaves are sorted
/// by their first 8 bytes as a big-endian number (the same order as bytewise comparison) with an index alongside,
/// and only runs that tie on those 8 bytes fall back to a full comparison.
/// </summary>
internal static class MerkleLeafOrder
{
    private const int ParallelThreshold = 1 << 16;
    private const int ChunkSize = 1 << 14;

    /// <summary>Writes leaf i of the sorted order to node nodeCount − 1 − i.</summary>
    public static void WriteSorted(byte[][] leaves, byte[] nodes)
    {
        var count = leaves.Length;
        var nodeCount = nodes.Length / MerkleTree.HashLength;
        var keyArray = ArrayPool<ulong>.Shared.Rent(count);
        var orderArray = ArrayPool<int>.Shared.Rent(count);
        try
        {
            ForChunks(count, (from, to) =>
            {
                for (var i = from; i < to; i++)
                {
                    keyArray[i] = BinaryPrimitives.ReadUInt64BigEndian(leaves[i]);
                    orderArray[i] = i;
                }
            });

            var keys = keyArray.AsSpan(0, count);
            var order = orderArray.AsSpan(0, count);
            keys.Sort(order);
            BreakTies(keys, order, leaves);

            ForChunks(count, (from, to) =>
            {
                for (var i = from; i < to; i++)
                {
                    leaves[orderArray[i]].CopyTo(nodes, (nodeCount - 1 - i) * MerkleTree.HashLength);
                }
            });
        }
        finally
        {
            ArrayPool<int>.Shared.Return(orderArray);
            ArrayPool<ulong>.Shared.Return(keyArray);
        }
    }

    private static void BreakTies(ReadOnlySpan<ulong> keys, Span<int> order, byte[][] leaves)
    {
        for (var start = 0; start < keys.Length;)
        {
            var end = start + 1;
            while (end < keys.Length && keys[end] == keys[start])
            {
                end++;
            }

            if (end - start > 1)
            {
                SortRun(order[start..end], leaves);
            }

            start = end;
        }
    }

    // Separate so the closure is only allocated when a tie occurs.
    private static void SortRun(Span<int> run, byte[][] leaves) =>
        run.Sort((x, y) => leaves[x].AsSpan().SequenceCompareTo(leaves[y]));

    private static void ForChunks(int count, Action<int, int> body)
    {
        if (count < ParallelThreshold)
        {
            body(0, count);
            return;
        }

        Parallel.For(0, (count + ChunkSize - 1) / ChunkSize, chunk =>
        {
            var from = chunk * ChunkSize;
            body(from, Math.Min(from + ChunkSize, count));
        });
    }
}
