using OpenVpp.Chain.Crypto;
using OpenVpp.Chain.Tests.Support;

namespace OpenVpp.Chain.Tests.Crypto;

public class EthAddressTests
{
    // The examples listed in EIP-55 itself.
    [Theory]
    [InlineData("0x52908400098527886E0F7030069857D2E4169EE7")]
    [InlineData("0x8617E340B3D01FA5F11F306F4090FD50E238070D")]
    [InlineData("0xde709f2102306220921060314715629080e2fb77")]
    [InlineData("0x27b1fdb04752bbc536007a920d24acb045561c26")]
    [InlineData("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed")]
    [InlineData("0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359")]
    [InlineData("0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB")]
    [InlineData("0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb")]
    public void Formats_the_eip55_examples_with_their_checksum(string checksummed)
    {
        var address = new EthAddress(Hex.Decode(checksummed));
        Assert.Equal(checksummed, address.ToString());
        Assert.True(EthAddress.TryParse(checksummed, out var parsed));
        Assert.Equal(address, parsed);
    }

    [Theory]
    [InlineData("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed")]
    [InlineData("0x5AAEB6053F3E94C9B9A09F33669435E7EF1BEAED")]
    public void Accepts_single_case_addresses_as_unchecksummed(string text)
    {
        Assert.Equal("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", EthAddress.Parse(text).ToString());
    }

    [Theory]
    [InlineData("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD")] // last letter's case flipped
    [InlineData("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeA")] // too short
    [InlineData("5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed00")] // no 0x
    [InlineData("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeg")] // not hex
    [InlineData("")]
    [InlineData(null)]
    public void Rejects_malformed_or_miss_checksummed_text(string? text)
    {
        Assert.False(EthAddress.TryParse(text, out _));
    }

    [Fact]
    public void Compares_by_value_and_round_trips_its_bytes()
    {
        var bytes = Hex.Decode("0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359");
        var a = new EthAddress(bytes);
        var b = EthAddress.Parse("0xfb6916095ca1df60bb79ce92ce3ea74c37c5d359");
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.Equal(bytes, a.ToArray());
        Assert.NotEqual(a, EthAddress.Parse("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"));
    }
}
