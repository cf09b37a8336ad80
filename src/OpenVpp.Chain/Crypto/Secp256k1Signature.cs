using System.Numerics;

namespace OpenVpp.Chain.Crypto;

/// <summary>
/// An ECDSA signature over secp256k1 as Ethereum carries it: r, s and the parity of R's y coordinate, which lets a
/// verifier recover the public key. Signatures made here always have low s (EIP-2).
/// </summary>
public readonly record struct Secp256k1Signature(BigInteger R, BigInteger S, byte YParity)
{
    /// <summary>The legacy "v" of <c>eth_sign</c>-style 65-byte signatures: 27 + yParity.</summary>
    public byte V => (byte)(27 + YParity);

    /// <summary>The 65-byte r || s || v form that <c>cast wallet sign</c> and most wallets print.</summary>
    public byte[] ToBytes()
    {
        var bytes = new byte[65];
        R.TryWriteBytes(bytes.AsSpan(32 - R.GetByteCount(isUnsigned: true), R.GetByteCount(isUnsigned: true)), out _, isUnsigned: true, isBigEndian: true);
        S.TryWriteBytes(bytes.AsSpan(64 - S.GetByteCount(isUnsigned: true), S.GetByteCount(isUnsigned: true)), out _, isUnsigned: true, isBigEndian: true);
        bytes[64] = V;
        return bytes;
    }
}
