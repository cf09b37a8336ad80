namespace OpenVpp.Core.Readings;

/// <summary>
/// A reading's canonical bytes followed by the device's signature: 76 + 64 = 140 bytes. This byte string is what
/// travels, what the node stores and what the epoch Merkle leaf hashes (leaf = keccak256(bytes)).
/// </summary>
public static class SignedReading
{
    public const int SignatureLength = 64;
    public const int Length = ReadingCodec.Length + SignatureLength;

    public static byte[] Combine(ReadOnlySpan<byte> canonical, ReadOnlySpan<byte> signature)
    {
        if (canonical.Length != ReadingCodec.Length || signature.Length != SignatureLength)
        {
            throw new ArgumentException("Canonical reading or signature has the wrong length.");
        }

        var bytes = new byte[Length];
        canonical.CopyTo(bytes);
        signature.CopyTo(bytes.AsSpan(ReadingCodec.Length));
        return bytes;
    }

    public static ReadOnlySpan<byte> Canonical(ReadOnlySpan<byte> signedReading) => signedReading[..ReadingCodec.Length];

    public static ReadOnlySpan<byte> Signature(ReadOnlySpan<byte> signedReading) => signedReading[ReadingCodec.Length..];
}
