using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using BcBigInteger = Org.BouncyCastle.Math.BigInteger;

namespace OpenVpp.Chain.Crypto;

/// <summary>A secp256k1 private key that signs 32-byte hashes the way Ethereum expects.</summary>
/// <remarks>
/// Nonces are deterministic (RFC 6979, HMAC-SHA-256), so signing never depends on a random source and the same
/// hash and key always give the same signature, which is also what makes signatures comparable with other tools.
/// </remarks>
public sealed class Secp256k1Key
{
    private readonly ECPrivateKeyParameters _privateKey;
    private readonly byte[] _publicKey;

    private Secp256k1Key(BcBigInteger d)
    {
        _privateKey = new ECPrivateKeyParameters(d, Secp256k1.Domain);
        _publicKey = new byte[64];
        Secp256k1.WriteXY(Secp256k1.Domain.G.Multiply(d).Normalize(), _publicKey);
        Address = EthAddress.FromPublicKey(_publicKey);
    }

    public EthAddress Address { get; }

    /// <summary>The uncompressed public key X || Y (64 bytes, no 0x04 prefix).</summary>
    public ReadOnlySpan<byte> PublicKey => _publicKey;

    /// <summary>Takes a 32-byte big-endian private key, which must lie in [1, n − 1].</summary>
    public static Secp256k1Key FromPrivateKey(ReadOnlySpan<byte> privateKey)
    {
        if (privateKey.Length != 32)
        {
            throw new ArgumentException($"A secp256k1 private key is 32 bytes, not {privateKey.Length}.", nameof(privateKey));
        }

        var d = new BcBigInteger(1, privateKey.ToArray());
        if (d.SignValue == 0 || d.CompareTo(Secp256k1.Domain.N) >= 0)
        {
            throw new ArgumentException("A secp256k1 private key must lie in [1, n - 1].", nameof(privateKey));
        }

        return new Secp256k1Key(d);
    }

    /// <summary>Signs a 32-byte hash; the result has low s (EIP-2) and the y parity needed for recovery.</summary>
    public Secp256k1Signature Sign(ReadOnlySpan<byte> hash)
    {
        if (hash.Length != 32)
        {
            throw new ArgumentException($"Only 32-byte hashes are signed, not {hash.Length} bytes.", nameof(hash));
        }

        var signer = new ECDsaSigner(new HMacDsaKCalculator(new Sha256Digest()));
        signer.Init(true, _privateKey);
        var rs = signer.GenerateSignature(hash.ToArray());
        var r = Secp256k1.ToBigInteger(rs[0]);
        var s = Secp256k1.ToBigInteger(rs[1]);

        // (r, s) and (r, n − s) both verify; Ethereum accepts only the low one, whose R has the opposite y.
        // Rather than carry k's parity out of BouncyCastle, find the parity by recovering the key.
        if (s > Secp256k1.HalfOrder)
        {
            s = Secp256k1.Order - s;
        }

        Span<byte> recovered = stackalloc byte[64];
        for (byte parity = 0; parity <= 1; parity++)
        {
            var signature = new Secp256k1Signature(r, s, parity);
            if (Secp256k1.TryRecoverPublicKey(hash, signature, recovered) && recovered.SequenceEqual(_publicKey))
            {
                return signature;
            }
        }

        // Only reachable when R.x ≥ n (probability ~2^-128), which Ethereum signatures cannot express.
        throw new InvalidOperationException("The signature's R point has x >= n; it cannot be expressed with a y parity.");
    }
}
