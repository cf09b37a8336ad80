using Org.BouncyCastle.Crypto.Digests;

namespace OpenVpp.Core.Tests.TestSupport;

/// <summary>An independent Keccak-256 (BouncyCastle's KeccakDigest, original padding) to check ours against.</summary>
public static class BouncyKeccak
{
    public static byte[] Hash(ReadOnlySpan<byte> data)
    {
        var digest = new KeccakDigest(256);
        digest.BlockUpdate(data);
        var output = new byte[32];
        digest.DoFinal(output, 0);
        return output;
    }
}
