using System.Numerics;
using System.Security.Cryptography;

namespace OpenVpp.Core.Crypto;

/// <summary>ECDSA P-256 signature checks shared by signers and verifiers.</summary>
public static class P256Signature
{
    public const int Length = 64;

    private static readonly BigInteger Order = BigInteger.Parse(
        "0FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", System.Globalization.NumberStyles.HexNumber);

    private static readonly BigInteger HalfOrder = Order / 2;

    /// <summary>True when s is in the lower half of the order: the only form a node accepts.</summary>
    public static bool IsLowS(ReadOnlySpan<byte> signature) =>
        signature.Length == Length && ReadS(signature) is var s && s > 0 && s <= HalfOrder;

    /// <summary>Replaces s by n − s when s is in the upper half, leaving an equally valid signature.</summary>
    public static void NormaliseLowS(Span<byte> signature)
    {
        var s = ReadS(signature);
        if (s <= HalfOrder)
        {
            return;
        }

        var low = Order - s;
        var bytes = low.ToByteArray(isUnsigned: true, isBigEndian: true);
        var sPart = signature[32..];
        sPart.Clear();
        bytes.CopyTo(sPart[(32 - bytes.Length)..]);
    }

    /// <summary>Verifies r || s over SHA-256(message) with an uncompressed X || Y public key.</summary>
    public static bool Verify(ECDsa publicKey, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature)
    {
        ArgumentNullException.ThrowIfNull(publicKey);
        return IsLowS(signature)
            && publicKey.VerifyData(message, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
    }

    /// <summary>Imports an uncompressed X || Y public key for verification; throws when it is not on the curve.</summary>
    public static ECDsa ImportPublicKey(ReadOnlySpan<byte> publicKeyXy)
    {
        if (publicKeyXy.Length != 64)
        {
            throw new ArgumentException("A P-256 public key is 64 bytes (X || Y).", nameof(publicKeyXy));
        }

        return ECDsa.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = publicKeyXy[..32].ToArray(), Y = publicKeyXy[32..].ToArray() },
        });
    }

    private static BigInteger ReadS(ReadOnlySpan<byte> signature) => new(signature[32..64], isUnsigned: true, isBigEndian: true);
}
