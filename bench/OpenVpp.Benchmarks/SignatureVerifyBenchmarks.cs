using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using NSec.Cryptography;
using OpenVpp.Core.Crypto;
using OpenVpp.Core.Readings;

namespace OpenVpp.Benchmarks;

/// <summary>
/// What one core can check per second: a node verifies every reading's signature, so this bounds ingest.
/// P-256 is what devices sign with (secure elements, EIP-7951); Ed25519 is the alternative we did not pick.
/// </summary>
[MemoryDiagnoser]
public class SignatureVerifyBenchmarks
{
    private readonly byte[] _message = new byte[ReadingCodec.Length];
    private P256DeviceKey _p256Key = null!;
    private ECDsa _p256PublicKey = null!;
    private byte[] _p256Signature = null!;
    private Key _ed25519Key = null!;
    private PublicKey _ed25519PublicKey = null!;
    private byte[] _ed25519Signature = null!;

    [GlobalSetup]
    public void Setup()
    {
        new Random(76).NextBytes(_message);

        _p256Key = P256DeviceKey.Create();
        _p256PublicKey = P256Signature.ImportPublicKey(_p256Key.PublicKey);
        _p256Signature = _p256Key.Sign(_message);

        _ed25519Key = Key.Create(SignatureAlgorithm.Ed25519);
        _ed25519PublicKey = _ed25519Key.PublicKey;
        _ed25519Signature = SignatureAlgorithm.Ed25519.Sign(_ed25519Key, _message);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _p256PublicKey.Dispose();
        _p256Key.Dispose();
        _ed25519Key.Dispose();
    }

    [Benchmark(Baseline = true, Description = "P-256 verify (.NET ECDsa, cached key)")]
    public bool P256Verify() => P256Signature.Verify(_p256PublicKey, _message, _p256Signature);

    [Benchmark(Description = "Ed25519 verify (NSec)")]
    public bool Ed25519Verify() => SignatureAlgorithm.Ed25519.Verify(_ed25519PublicKey, _message, _ed25519Signature);
}
