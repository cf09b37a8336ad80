using BenchmarkDotNet.Attributes;
using Org.BouncyCastle.Crypto.Digests;
using OpenVpp.Core.Crypto;

namespace OpenVpp.Benchmarks;

/// <summary>
/// Keccak-256 on the two sizes that matter: 64 bytes (a Merkle inner node) and 140 bytes (a signed reading, a leaf),
/// against BouncyCastle's general-purpose digest.
/// </summary>
[MemoryDiagnoser]
public class Keccak256Benchmarks
{
    private readonly byte[] _pair = new byte[64];
    private readonly byte[] _signedReading = new byte[140];
    private readonly byte[] _output = new byte[32];
    private readonly KeccakDigest _bouncy = new(256);

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(256);
        random.NextBytes(_pair);
        random.NextBytes(_signedReading);
    }

    [Benchmark(Description = "OpenVpp HashPair, 64 B")]
    public byte[] OursPair()
    {
        Keccak256.HashPair(_pair.AsSpan(0, 32), _pair.AsSpan(32), _output);
        return _output;
    }

    [Benchmark(Description = "OpenVpp Hash, 64 B")]
    public byte[] Ours64()
    {
        Keccak256.Hash(_pair, _output);
        return _output;
    }

    [Benchmark(Description = "BouncyCastle KeccakDigest, 64 B")]
    public byte[] Bouncy64() => BouncyHash(_pair);

    [Benchmark(Description = "OpenVpp Hash, 140 B")]
    public byte[] Ours140()
    {
        Keccak256.Hash(_signedReading, _output);
        return _output;
    }

    [Benchmark(Description = "BouncyCastle KeccakDigest, 140 B")]
    public byte[] Bouncy140() => BouncyHash(_signedReading);

    private byte[] BouncyHash(byte[] data)
    {
        _bouncy.BlockUpdate(data, 0, data.Length);
        _bouncy.DoFinal(_output, 0);
        return _output;
    }
}
