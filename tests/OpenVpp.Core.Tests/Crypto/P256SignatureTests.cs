using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using OpenVpp.Core.Crypto;

namespace OpenVpp.Core.Tests.Crypto;

public class P256SignatureTests : IDisposable
{
    private static readonly BigInteger Order = BigInteger.Parse(
        "0FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    private static readonly byte[] Message = Encoding.ASCII.GetBytes("reading 42: 1234 Wh exported");

    private readonly P256DeviceKey _key = P256DeviceKey.Create();
    private readonly ECDsa _verifier;

    public P256SignatureTests() => _verifier = P256Signature.ImportPublicKey(_key.PublicKey);

    public void Dispose()
    {
        _verifier.Dispose();
        _key.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public void Verifies_what_the_device_key_signed()
    {
        var signature = _key.Sign(Message);

        Assert.Equal(P256Signature.Length, signature.Length);
        Assert.True(P256Signature.Verify(_verifier, Message, signature));
    }

    [Fact]
    public void Rejects_a_message_with_one_flipped_bit()
    {
        var signature = _key.Sign(Message);

        for (var bit = 0; bit < Message.Length * 8; bit += 13)
        {
            var tampered = (byte[])Message.Clone();
            tampered[bit / 8] ^= (byte)(1 << (bit % 8));
            Assert.False(P256Signature.Verify(_verifier, tampered, signature), $"bit {bit}");
        }
    }

    [Fact]
    public void Rejects_a_signature_with_one_flipped_bit()
    {
        var signature = _key.Sign(Message);

        for (var bit = 0; bit < P256Signature.Length * 8; bit++)
        {
            var tampered = (byte[])signature.Clone();
            tampered[bit / 8] ^= (byte)(1 << (bit % 8));
            Assert.False(P256Signature.Verify(_verifier, Message, tampered), $"bit {bit}");
        }
    }

    [Fact]
    public void Rejects_a_signature_from_another_key()
    {
        using var other = P256DeviceKey.Create();

        Assert.False(P256Signature.Verify(_verifier, Message, other.Sign(Message)));
    }

    [Fact]
    public void Signatures_are_always_low_s()
    {
        // ECDSA picks s at random in [1, n-1], so half of raw signatures are high-s; 64 draws all landing low
        // by chance has probability 2^-64.
        for (var i = 0; i < 64; i++)
        {
            var message = BitConverter.GetBytes(i);
            var signature = _key.Sign(message);

            Assert.True(P256Signature.IsLowS(signature));
            Assert.True(ReadS(signature) <= Order / 2);
            Assert.True(P256Signature.Verify(_verifier, message, signature));
        }
    }

    [Fact]
    public void Rejects_signature_with_high_s()
    {
        var signature = _key.Sign(Message);
        var twin = HighSTwin(signature);

        // The twin is a mathematically valid ECDSA signature (the platform accepts it) ...
        Assert.True(_verifier.VerifyData(Message, twin, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
        // ... but a relay must not be able to swap it in and change the leaf, so we refuse it.
        Assert.False(P256Signature.IsLowS(twin));
        Assert.False(P256Signature.Verify(_verifier, Message, twin));
    }

    [Fact]
    public void Normalising_a_high_s_twin_restores_the_original_signature()
    {
        var signature = _key.Sign(Message);
        var twin = HighSTwin(signature);

        P256Signature.NormaliseLowS(twin);

        Assert.Equal(signature, twin);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(63)]
    [InlineData(65)]
    public void Rejects_a_signature_of_the_wrong_length(int length)
    {
        Assert.False(P256Signature.Verify(_verifier, Message, new byte[length]));
    }

    [Fact]
    public void Rejects_a_signature_with_zero_s()
    {
        var signature = _key.Sign(Message);
        Array.Clear(signature, 32, 32);

        Assert.False(P256Signature.IsLowS(signature));
        Assert.False(P256Signature.Verify(_verifier, Message, signature));
    }

    [Fact]
    public void Import_rejects_a_point_that_is_not_on_the_curve()
    {
        var point = (byte[])_key.PublicKey.Clone();
        point[63] ^= 1;

        Assert.ThrowsAny<CryptographicException>(() => P256Signature.ImportPublicKey(point).Dispose());
    }

    [Fact]
    public void Import_rejects_a_key_that_is_not_64_bytes()
    {
        Assert.Throws<ArgumentException>(() => P256Signature.ImportPublicKey(new byte[65]));
    }

    private static BigInteger ReadS(ReadOnlySpan<byte> signature) => new(signature[32..], isUnsigned: true, isBigEndian: true);

    private static byte[] HighSTwin(byte[] signature)
    {
        var high = (Order - ReadS(signature)).ToByteArray(isUnsigned: true, isBigEndian: true);
        var twin = (byte[])signature.Clone();
        Array.Clear(twin, 32, 32);
        high.CopyTo(twin, 64 - high.Length);
        return twin;
    }
}
