using OpenVpp.Core.Readings;

namespace OpenVpp.Core.Tests.Readings;

public class SignedReadingTests
{
    [Fact]
    public void Combines_canonical_bytes_and_signature_into_140_bytes_and_splits_them_back()
    {
        var canonical = Enumerable.Range(0, ReadingCodec.Length).Select(i => (byte)i).ToArray();
        var signature = Enumerable.Range(100, SignedReading.SignatureLength).Select(i => (byte)i).ToArray();

        var signed = SignedReading.Combine(canonical, signature);

        Assert.Equal(140, signed.Length);
        Assert.Equal(canonical, SignedReading.Canonical(signed).ToArray());
        Assert.Equal(signature, SignedReading.Signature(signed).ToArray());
    }

    [Theory]
    [InlineData(75, 64)]
    [InlineData(77, 64)]
    [InlineData(76, 63)]
    [InlineData(76, 65)]
    public void Combine_rejects_parts_of_the_wrong_length(int canonicalLength, int signatureLength)
    {
        Assert.Throws<ArgumentException>(() => SignedReading.Combine(new byte[canonicalLength], new byte[signatureLength]));
    }
}
