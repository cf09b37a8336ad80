using System.Security.Cryptography;
using OpenVpp.Core.Devices;

namespace OpenVpp.Core.Crypto;

/// <summary>
/// A device's ECDSA P-256 key pair. Signatures are r || s (64 bytes) over SHA-256 of the message, with s
/// normalised to the lower half of the group order so each reading has exactly one valid signature
/// (its bytes, and so its Merkle leaf, cannot be changed by a relay). Secure elements and TPMs sign with
/// this curve, and EVM chains verify it with the P256VERIFY precompile (EIP-7951).
/// </summary>
public sealed class P256DeviceKey : IDisposable
{
    private readonly ECDsa _ecdsa;

    private P256DeviceKey(ECDsa ecdsa)
    {
        _ecdsa = ecdsa;
        var parameters = ecdsa.ExportParameters(false);
        PublicKey = [.. parameters.Q.X!, .. parameters.Q.Y!];
        Id = DeviceId.FromPublicKey(PublicKey);
    }

    /// <summary>Uncompressed public key X || Y, 64 bytes.</summary>
    public byte[] PublicKey { get; }

    public DeviceId Id { get; }

    public static P256DeviceKey Create() => new(ECDsa.Create(ECCurve.NamedCurves.nistP256));

    /// <summary>Rebuilds a key from its 32-byte private scalar.</summary>
    public static P256DeviceKey FromPrivateKey(ReadOnlySpan<byte> privateKey)
    {
        if (privateKey.Length != 32)
        {
            throw new ArgumentException("A P-256 private key is 32 bytes.", nameof(privateKey));
        }

        var ecdsa = ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, D = privateKey.ToArray() });
        return new P256DeviceKey(ecdsa);
    }

    /// <summary>The 32-byte private scalar, for the keystore only.</summary>
    public byte[] ExportPrivateKey() => _ecdsa.ExportParameters(true).D!;

    public byte[] Sign(ReadOnlySpan<byte> message)
    {
        var signature = new byte[P256Signature.Length];
        Sign(message, signature);
        return signature;
    }

    public void Sign(ReadOnlySpan<byte> message, Span<byte> signature)
    {
        if (!_ecdsa.TrySignData(message, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation, out var written)
            || written != P256Signature.Length)
        {
            throw new CryptographicException("P-256 signing produced an unexpected signature length.");
        }

        P256Signature.NormaliseLowS(signature);
    }

    public void Dispose() => _ecdsa.Dispose();
}
