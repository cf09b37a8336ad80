using System.Buffers.Binary;
using System.Security.Cryptography;
using OpenVpp.Protocols.Dsmr;

namespace OpenVpp.Protocols.Tests.Dsmr;

/// <summary>
/// Encrypted Smarty frames, built here the way the DLMS general-global-cipher framing describes them (there is no
/// published real frame with its key): the decrypted text must be the telegram, and anything else must fail.
/// </summary>
public sealed class SmartyFrameTests
{
    internal static readonly byte[] Key = Convert.FromHexString("AABBCCDDEEFF00112233445566778899");
    private static readonly byte[] SystemTitle = "SAG12345"u8.ToArray();

    internal static byte[] Encrypt(byte[] telegram, uint counter)
    {
        var iv = new byte[12];
        SystemTitle.CopyTo(iv, 0);
        BinaryPrimitives.WriteUInt32BigEndian(iv.AsSpan(8), counter);
        byte[] aad = [0x30, .. SmartyFrame.DefaultAuthenticationKey];
        var cipher = new byte[telegram.Length];
        var tag = new byte[12];
        using (var gcm = new AesGcm(Key, 12))
        {
            gcm.Encrypt(iv, telegram, cipher, tag, aad);
        }

        var length = 1 + 4 + cipher.Length + tag.Length;
        var counterBytes = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(counterBytes, counter);
        return [0xDB, 8, .. SystemTitle, 0x82, unchecked((byte)(length >> 8)), unchecked((byte)length), 0x30, .. counterBytes, .. cipher, .. tag];
    }

    [Fact]
    public void An_encrypted_frame_decrypts_to_the_telegram_which_then_parses()
    {
        var telegram = DsmrTelegrams.Bytes("spec_luxembourg_smarty");

        var result = SmartyFrame.Decrypt(Encrypt(telegram, 0x10000001), Key, SmartyFrame.DefaultAuthenticationKey);

        Assert.True(result.IsOk, result.Error);
        Assert.Equal(0x10000001u, result.FrameCounter);
        Assert.Equal(telegram, result.Telegram);
        Assert.Equal(DsmrVariant.LuxembourgSmarty, P1Parser.Parse(result.Telegram).Telegram!.Variant);
    }

    [Fact]
    public void A_wrong_key_or_a_changed_byte_fails_authentication()
    {
        var frame = Encrypt(DsmrTelegrams.Bytes("spec_luxembourg_smarty"), 7);
        var wrongKey = (byte[])Key.Clone();
        wrongKey[0] ^= 1;
        var damaged = (byte[])frame.Clone();
        damaged[100] ^= 0x40;

        Assert.Contains("does not authenticate", SmartyFrame.Decrypt(frame, wrongKey, SmartyFrame.DefaultAuthenticationKey).Error, StringComparison.Ordinal);
        Assert.Contains("does not authenticate", SmartyFrame.Decrypt(damaged, Key, SmartyFrame.DefaultAuthenticationKey).Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Frames_that_are_not_general_global_cipher_frames_are_refused_with_a_reason()
    {
        var frame = Encrypt(DsmrTelegrams.Bytes("spec_luxembourg_smarty"), 7);

        Assert.Contains("0xDB", SmartyFrame.Decrypt("/ISK5"u8, Key, SmartyFrame.DefaultAuthenticationKey).Error, StringComparison.Ordinal);
        Assert.Contains("cut off", SmartyFrame.Decrypt(frame.AsSpan(0, 40), Key, SmartyFrame.DefaultAuthenticationKey).Error, StringComparison.Ordinal);
        Assert.Contains("16 bytes", SmartyFrame.Decrypt(frame, Key.AsSpan(0, 8), SmartyFrame.DefaultAuthenticationKey).Error, StringComparison.Ordinal);
    }
}
