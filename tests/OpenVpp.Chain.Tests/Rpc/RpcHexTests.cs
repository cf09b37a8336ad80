using System.Numerics;
using OpenVpp.Chain.Rpc;

namespace OpenVpp.Chain.Tests.Rpc;

/// <summary>The spec's own examples of valid and invalid quantities and data, plus the 256-bit edges.</summary>
public class RpcHexTests
{
    [Theory]
    [InlineData("0x0", 0UL)]
    [InlineData("0x1", 1UL)]
    [InlineData("0x41", 65UL)]
    [InlineData("0x400", 1024UL)]
    [InlineData("0xFF", 255UL)]
    [InlineData("0xffffffffffffffff", ulong.MaxValue)]
    public void Parses_canonical_quantities(string text, ulong expected)
    {
        Assert.Equal(expected, RpcHex.ParseQuantityUInt64(text));
        Assert.Equal(new BigInteger(expected), RpcHex.ParseQuantity(text));
    }

    [Theory]
    [InlineData("0x")] // at least one digit
    [InlineData("0x0400")] // no leading zeros
    [InlineData("0x00")]
    [InlineData("ff")] // prefix required
    [InlineData("0X1")]
    [InlineData("0x-1")]
    [InlineData("0x 1")]
    [InlineData("0x1g")]
    [InlineData("")]
    [InlineData(null)]
    public void Rejects_what_the_spec_calls_invalid(string? text)
    {
        Assert.Throws<FormatException>(() => RpcHex.ParseQuantity(text));
        Assert.Throws<FormatException>(() => RpcHex.ParseQuantityUInt64(text));
    }

    [Fact]
    public void Quantities_stop_at_256_bits_and_64_bit_reads_stop_at_64()
    {
        var max = (BigInteger.One << 256) - 1;
        Assert.Equal(max, RpcHex.ParseQuantity("0x" + new string('f', 64)));
        Assert.Throws<FormatException>(() => RpcHex.ParseQuantity("0x1" + new string('0', 64)));
        Assert.Throws<FormatException>(() => RpcHex.ParseQuantityUInt64("0x1" + new string('0', 16)));
    }

    [Fact]
    public void Formats_quantities_compactly_without_the_sign_nibble_BigInteger_adds()
    {
        Assert.Equal("0x0", RpcHex.FormatQuantity(BigInteger.Zero));
        Assert.Equal("0x80", RpcHex.FormatQuantity(new BigInteger(128)));
        Assert.Equal("0x" + new string('f', 64), RpcHex.FormatQuantity((BigInteger.One << 256) - 1));
        Assert.Equal("0x400", RpcHex.FormatQuantity(1024UL));
        Assert.Throws<ArgumentOutOfRangeException>(() => RpcHex.FormatQuantity(BigInteger.MinusOne));
        Assert.Throws<ArgumentOutOfRangeException>(() => RpcHex.FormatQuantity(BigInteger.One << 256));
    }

    [Theory]
    [InlineData("0x", "")]
    [InlineData("0x41", "41")]
    [InlineData("0x004200", "004200")]
    [InlineData("0xDEADbeef", "deadbeef")]
    public void Parses_data_with_whole_bytes(string text, string expectedHex) =>
        Assert.Equal(Convert.FromHexString(expectedHex), RpcHex.ParseData(text));

    [Theory]
    [InlineData("0xf0f0f")] // odd: not whole bytes
    [InlineData("004200")]
    [InlineData("0xzz")]
    [InlineData(null)]
    public void Rejects_malformed_data(string? text) => Assert.Throws<FormatException>(() => RpcHex.ParseData(text));

    [Fact]
    public void Fixed_length_data_must_have_that_length() =>
        Assert.Throws<FormatException>(() => RpcHex.ParseData("0x" + new string('a', 62), 32));
}
