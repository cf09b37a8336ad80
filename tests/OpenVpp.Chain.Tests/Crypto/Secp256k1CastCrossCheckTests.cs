using OpenVpp.Chain.Crypto;
using OpenVpp.Chain.Tests.Support;
using OpenVpp.Core.Crypto;

namespace OpenVpp.Chain.Tests.Crypto;

/// <summary>Checks addresses and signatures against Foundry's <c>cast wallet</c>, which signs with RFC 6979 too.</summary>
public class Secp256k1CastCrossCheckTests
{
    [Theory]
    [InlineData(Secp256k1KeyTests.AnvilKey0, "OpenVPP")]
    [InlineData("0x0000000000000000000000000000000000000000000000000000000000000001", "")]
    [InlineData("0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364140", "n - 1")]
    [InlineData("0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318", "settlement epoch 42")]
    public void Agrees_with_cast_on_address_and_signature(string privateKey, string message)
    {
        var key = Secp256k1Key.FromPrivateKey(Hex.Decode(privateKey));
        var hash = Keccak256.Hash(System.Text.Encoding.UTF8.GetBytes(message));

        var castAddress = Cast.Run("wallet", "address", "--private-key", privateKey);
        Assert.Equal(castAddress, key.Address.ToString());

        var castSignature = Cast.Run("wallet", "sign", "--no-hash", "--private-key", privateKey, Hex.Encode(hash));
        Assert.Equal(castSignature, Hex.Encode(key.Sign(hash).ToBytes()));
    }
}
