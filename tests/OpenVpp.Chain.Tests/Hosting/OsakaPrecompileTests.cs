using System.Security.Cryptography;
using OpenVpp.Chain.Crypto;
using OpenVpp.Chain.Tests.Support;

namespace OpenVpp.Chain.Tests.Hosting;

/// <summary>AnvilProcess runs --hardfork osaka for P256VERIFY (EIP-7951), which device signature checks rely on.</summary>
[Collection(AnvilChain.Name)]
public class OsakaPrecompileTests(AnvilFixture chain)
{
    private static readonly EthAddress P256Verify = EthAddress.Parse("0x0000000000000000000000000000000000000100");

    [Fact]
    public async Task P256VERIFY_accepts_a_valid_signature_and_rejects_a_tampered_one()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var hash = SHA256.HashData("reading 42"u8);
        var signature = key.SignHash(hash); // r || s, 64 bytes
        var point = key.ExportParameters(false).Q;
        byte[] input = [.. hash, .. signature, .. point.X!, .. point.Y!];

        var valid = await chain.Rpc.CallAsync(P256Verify, input);
        input[0] ^= 1;
        var tampered = await chain.Rpc.CallAsync(P256Verify, input);

        Assert.Equal([.. new byte[31], 1], valid);
        Assert.Empty(tampered);
    }
}
