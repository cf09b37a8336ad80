using OpenVpp.Core.Crypto;
using OpenVpp.Core.Devices;

namespace OpenVpp.Core.Tests.Crypto;

public class P256DeviceKeyTests
{
    [Fact]
    public void FromPrivateKey_reproduces_the_public_key_and_id()
    {
        using var original = P256DeviceKey.Create();
        var secret = original.ExportPrivateKey();

        using var restored = P256DeviceKey.FromPrivateKey(secret);

        Assert.Equal(32, secret.Length);
        Assert.Equal(original.PublicKey, restored.PublicKey);
        Assert.Equal(original.Id, restored.Id);
    }

    [Fact]
    public void A_restored_key_signs_what_the_original_public_key_verifies()
    {
        using var original = P256DeviceKey.Create();
        using var restored = P256DeviceKey.FromPrivateKey(original.ExportPrivateKey());
        using var verifier = P256Signature.ImportPublicKey(original.PublicKey);
        byte[] message = [1, 2, 3, 4];

        Assert.True(P256Signature.Verify(verifier, message, restored.Sign(message)));
    }

    [Fact]
    public void Public_key_is_64_bytes_and_id_derives_from_it()
    {
        using var key = P256DeviceKey.Create();

        Assert.Equal(64, key.PublicKey.Length);
        Assert.Equal(DeviceId.FromPublicKey(key.PublicKey), key.Id);
    }

    [Fact]
    public void Two_new_keys_differ()
    {
        using var a = P256DeviceKey.Create();
        using var b = P256DeviceKey.Create();

        Assert.NotEqual(a.Id, b.Id);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(31)]
    [InlineData(33)]
    public void FromPrivateKey_rejects_a_scalar_that_is_not_32_bytes(int length)
    {
        Assert.Throws<ArgumentException>(() => P256DeviceKey.FromPrivateKey(new byte[length]));
    }

    [Fact]
    public void Span_signing_writes_a_verifiable_low_s_signature()
    {
        using var key = P256DeviceKey.Create();
        using var verifier = P256Signature.ImportPublicKey(key.PublicKey);
        byte[] message = [9, 8, 7];
        var signature = new byte[P256Signature.Length];

        key.Sign(message, signature);

        Assert.True(P256Signature.IsLowS(signature));
        Assert.True(P256Signature.Verify(verifier, message, signature));
    }
}
