using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Crypto.EC;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math.EC;
using BcBigInteger = Org.BouncyCastle.Math.BigInteger;
using BigInteger = System.Numerics.BigInteger;

namespace OpenVpp.Chain.Crypto;

/// <summary>The curve and the public-key recovery that Ethereum uses to name a transaction's sender.</summary>
public static class Secp256k1
{
    // CustomNamedCurves has the specialised field arithmetic for secp256k1, much faster than the generic curve.
    private static readonly X9ECParameters Curve = CustomNamedCurves.GetByName("secp256k1");

    internal static readonly ECDomainParameters Domain = new(Curve.Curve, Curve.G, Curve.N, Curve.H);

    /// <summary>The group order n.</summary>
    public static BigInteger Order { get; } = ToBigInteger(Curve.N);

    /// <summary>n / 2: EIP-2 accepts only signatures with s at or below this.</summary>
    public static BigInteger HalfOrder { get; } = Order >> 1;

    /// <summary>
    /// Recovers the signer's public key (64 bytes X || Y) from a 32-byte message hash and a signature (SEC1 4.1.6).
    /// Returns false when the signature cannot belong to any key.
    /// </summary>
    public static bool TryRecoverPublicKey(ReadOnlySpan<byte> hash, Secp256k1Signature signature, Span<byte> publicKeyXY)
    {
        if (hash.Length != 32 || publicKeyXY.Length < 64 || signature.YParity > 1
            || signature.R.Sign <= 0 || signature.R >= Order || signature.S.Sign <= 0 || signature.S >= Order)
        {
            return false;
        }

        var n = Domain.N;
        var r = ToBc(signature.R);

        // R has x = r (the x = r + n case, recovery ids 2 and 3, has probability ~2^-128 and Ethereum cannot
        // express it). Decompress it with the signalled y parity; an r that is not on the curve is no signature.
        Span<byte> compressed = stackalloc byte[33];
        compressed[0] = (byte)(0x02 + signature.YParity);
        signature.R.TryWriteBytes(compressed[(33 - signature.R.GetByteCount(isUnsigned: true))..], out _, isUnsigned: true, isBigEndian: true);
        ECPoint point;
        try
        {
            point = Curve.Curve.DecodePoint(compressed.ToArray());
        }
        catch (ArgumentException)
        {
            return false;
        }

        // Q = r⁻¹ (sR − eG), computed as one double-scalar multiplication.
        var e = new BcBigInteger(1, hash.ToArray());
        var rInverse = r.ModInverse(n);
        var eTerm = e.Negate().Multiply(rInverse).Mod(n);
        var sTerm = ToBc(signature.S).Multiply(rInverse).Mod(n);
        var q = ECAlgorithms.SumOfTwoMultiplies(Domain.G, eTerm, point, sTerm).Normalize();
        if (q.IsInfinity)
        {
            return false;
        }

        WriteXY(q, publicKeyXY);
        return true;
    }

    /// <summary>The address of whoever signed <paramref name="hash"/>, or null when the signature is invalid.</summary>
    public static EthAddress? RecoverAddress(ReadOnlySpan<byte> hash, Secp256k1Signature signature)
    {
        Span<byte> publicKey = stackalloc byte[64];
        return TryRecoverPublicKey(hash, signature, publicKey) ? EthAddress.FromPublicKey(publicKey) : null;
    }

    internal static void WriteXY(ECPoint point, Span<byte> destination) =>
        point.GetEncoded(compressed: false).AsSpan(1, 64).CopyTo(destination);

    internal static BcBigInteger ToBc(BigInteger value) =>
        new(1, value.ToByteArray(isUnsigned: true, isBigEndian: true));

    internal static BigInteger ToBigInteger(BcBigInteger value) =>
        new(value.ToByteArrayUnsigned(), isUnsigned: true, isBigEndian: true);
}
