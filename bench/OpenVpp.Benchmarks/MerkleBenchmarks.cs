using BenchmarkDotNet.Attributes;
using OpenVpp.Core.Merkle;

namespace OpenVpp.Benchmarks;

/// <summary>The epoch commitment: one root over every reading of an epoch, target under 1 s for a million leaves.</summary>
[MemoryDiagnoser]
public class MerkleBenchmarks
{
    private byte[][] _leaves = null!;

    [Params(1_000_000)]
    public int Leaves { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        _leaves = new byte[Leaves][];
        for (var i = 0; i < Leaves; i++)
        {
            _leaves[i] = new byte[MerkleTree.HashLength];
            random.NextBytes(_leaves[i]);
        }
    }

    [Benchmark(Description = "MerkleTree.Build (sort + hash, both cores)")]
    public byte[] BuildRoot() => MerkleTree.Build(_leaves).Root;
}
