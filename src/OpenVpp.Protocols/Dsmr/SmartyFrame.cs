using System.Buffers.Binary;
using System.Security.Cryptography;

namespace OpenVpp.Protocols.Dsmr;

/// <summary>
/// Luxembourg Smarty meters (and some Austrian ones) send each telegram encrypted in a DLMS general-global-cipher
/// frame: 0xDB, the system title (8 bytes), a length, the security control byte (0x30: encrypted and authenticated,
/// suite 0), a 4-byte frame counter, the AES-128-GCM ciphertext and a 12-byte tag. The IV is the system title and
/// the frame counter; the authenticated data is the security control byte followed by the authentication key.
/// The grid operator gives the customer the 16-byte key (the authentication key is public and the same for all).
/// </summary>
public static class SmartyFrame
{
    /// <summary>The authentication key Smarty meters use unless the operator says otherwise.</summary>
    public static ReadOnlySpan<byte> DefaultAuthenticationKey => [0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 0x99, 0xAA, 0xBB, 0xCC, 0xDD, 0xEE, 0xFF];

    private const byte Tag = 0xDB;
    private const byte EncryptedAndAuthenticated = 0x30;
    private const int GcmTagBytes = 12;

    /// <summary>Decrypts one frame with <paramref name="key"/>; a wrong key or a damaged frame fails the GCM tag.</summary>
    public static SmartyDecryptResult Decrypt(ReadOnlySpan<byte> frame, ReadOnlySpan<byte> key, ReadOnlySpan<byte> authenticationKey)
    {
        if (key.Length != 16 || authenticationKey.Length != 16)
        {
            return new(null, "the Smarty key and authentication key are 16 bytes (32 hex digits) each");
        }

        if (frame.Length < 2 || frame[0] != Tag)
        {
            return new(null, "not an encrypted Smarty frame: it does not start with 0xDB");
        }

        var titleLength = frame[1];
        var at = 2 + titleLength;
        if (titleLength != 8 || frame.Length < at + 1)
        {
            return new(null, $"bad system title length {titleLength} (expected 8)");
        }

        var systemTitle = frame.Slice(2, titleLength);
        int length;
        switch (frame[at])
        {
            case < 0x80: length = frame[at]; at += 1; break;
            case 0x81 when frame.Length > at + 1: length = frame[at + 1]; at += 2; break;
            case 0x82 when frame.Length > at + 2: length = BinaryPrimitives.ReadUInt16BigEndian(frame[(at + 1)..]); at += 3; break;
            default: return new(null, "bad length field in the Smarty frame");
        }

        if (length < 5 + GcmTagBytes || frame.Length < at + length)
        {
            return new(null, $"Smarty frame cut off: {frame.Length - at} of {length} bytes");
        }

        var securityControl = frame[at];
        if (securityControl != EncryptedAndAuthenticated)
        {
            return new(null, $"unsupported security control byte 0x{securityControl:X2} (expected 0x30, encrypted and authenticated)");
        }

        var counter = BinaryPrimitives.ReadUInt32BigEndian(frame[(at + 1)..]);
        var body = frame.Slice(at + 5, length - 5);
        Span<byte> iv = stackalloc byte[12];
        systemTitle.CopyTo(iv);
        BinaryPrimitives.WriteUInt32BigEndian(iv[8..], counter);
        Span<byte> aad = stackalloc byte[17];
        aad[0] = securityControl;
        authenticationKey.CopyTo(aad[1..]);
        var plain = new byte[body.Length - GcmTagBytes];
        try
        {
            using var gcm = new AesGcm(key, GcmTagBytes);
            gcm.Decrypt(iv, body[..^GcmTagBytes], body[^GcmTagBytes..], plain, aad);
        }
        catch (AuthenticationTagMismatchException)
        {
            return new(null, "the Smarty frame does not authenticate: wrong key, or the frame was damaged on the way", counter);
        }

        return new(plain, null, counter);
    }
}
