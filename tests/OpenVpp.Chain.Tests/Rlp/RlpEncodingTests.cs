using System.Numerics;
using System.Text;
using OpenVpp.Chain.Rlp;
using OpenVpp.Chain.Tests.Support;
using RlpCodec = OpenVpp.Chain.Rlp.Rlp;

namespace OpenVpp.Chain.Tests.Rlp;

/// <summary>Published vectors from ethereum/tests RLPTests/rlptest.json.</summary>
public class RlpEncodingTests
{
    private const string Lorem = "Lorem ipsum dolor sit amet, consectetur adipisicing elit";

    [Theory]
    [InlineData("", "0x80")]
    [InlineData("d", "0x64")]
    [InlineData("dog", "0x83646f67")]
    [InlineData("Lorem ipsum dolor sit amet, consectetur adipisicing eli", "0xb74c6f72656d20697073756d20646f6c6f722073697420616d65742c20636f6e7365637465747572206164697069736963696e6720656c69")]
    [InlineData(Lorem, "0xb8384c6f72656d20697073756d20646f6c6f722073697420616d65742c20636f6e7365637465747572206164697069736963696e6720656c6974")]
    public void Encodes_published_string_vectors(string text, string expected)
    {
        Assert.Equal(expected, Hex.Encode(RlpCodec.EncodeString(Encoding.ASCII.GetBytes(text))));
    }

    [Theory]
    [InlineData(0UL, "0x80")]
    [InlineData(1UL, "0x01")]
    [InlineData(15UL, "0x0f")]
    [InlineData(16UL, "0x10")]
    [InlineData(79UL, "0x4f")]
    [InlineData(127UL, "0x7f")]
    [InlineData(128UL, "0x8180")]
    [InlineData(1000UL, "0x8203e8")]
    [InlineData(1024UL, "0x820400")]
    [InlineData(100000UL, "0x830186a0")]
    [InlineData(ulong.MaxValue, "0x88ffffffffffffffff")]
    public void Encodes_integers_as_minimal_big_endian(ulong value, string expected)
    {
        Assert.Equal(expected, Hex.Encode(RlpCodec.EncodeInteger(value)));
        Assert.Equal(expected, Hex.Encode(RlpCodec.EncodeInteger(new BigInteger(value))));
        Assert.Equal(Hex.Decode(expected).Length, RlpCodec.LengthOfInteger(value));
    }

    [Theory]
    [InlineData("83729609699884896815286331701780722", "0x8f102030405060708090a0b0c0d0e0f2")]
    [InlineData("105315505618206987246253880190783558935785933862974822347068935681", "0x9c0100020003000400050006000700080009000a000b000c000d000e01")]
    [InlineData("115792089237316195423570985008687907853269984665640564039457584007913129639935", "0xa0ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff")]
    public void Encodes_big_integers(string value, string expected)
    {
        Assert.Equal(expected, Hex.Encode(RlpCodec.EncodeInteger(BigInteger.Parse(value, System.Globalization.CultureInfo.InvariantCulture))));
    }

    [Fact]
    public void Encodes_the_empty_list()
    {
        Assert.Equal("0xc0", Hex.Encode(RlpCodec.Encode(RlpItem.List())));
        Assert.Equal("0xc0", Hex.Encode(RlpCodec.EncodeList()));
    }

    [Fact]
    public void Encodes_a_list_of_strings()
    {
        var list = RlpItem.List(Str("cat"), Str("dog"));
        Assert.Equal("0xc88363617483646f67", Hex.Encode(RlpCodec.Encode(list)));
        Assert.Equal("0xc88363617483646f67", Hex.Encode(RlpCodec.EncodeList(RlpCodec.EncodeString("cat"u8), RlpCodec.EncodeString("dog"u8))));
    }

    [Fact]
    public void Encodes_the_set_theoretic_representation_of_three()
    {
        var empty = RlpItem.List();
        var one = RlpItem.List(RlpItem.List());
        var three = RlpItem.List(empty, one, RlpItem.List(RlpItem.List(), RlpItem.List(RlpItem.List())));
        Assert.Equal("0xc7c0c1c0c3c0c1c0", Hex.Encode(RlpCodec.Encode(three)));
    }

    [Fact]
    public void Encodes_a_list_longer_than_55_bytes_in_the_long_form()
    {
        // rlptest.json "longList1": four ["asdf","qwer","zxcv"] lists.
        var inner = RlpItem.List(Str("asdf"), Str("qwer"), Str("zxcv"));
        var list = RlpItem.List(inner, inner, inner, inner);
        Assert.Equal(
            "0xf840cf84617364668471776572847a786376cf84617364668471776572847a786376cf84617364668471776572847a786376cf84617364668471776572847a786376",
            Hex.Encode(RlpCodec.Encode(list)));
    }

    [Fact]
    public void Encodes_mixed_nesting()
    {
        // rlptest.json "multiList": [1, ["cat"], "dog", [2]]
        var list = RlpItem.List(RlpItem.FromInteger(1), RlpItem.List(Str("cat")), Str("dog"), RlpItem.List(RlpItem.FromInteger(2)));
        Assert.Equal("0xcc01c48363617483646f67c102", Hex.Encode(RlpCodec.Encode(list)));
    }

    [Fact]
    public void Encodes_a_1024_byte_string_with_a_two_byte_length()
    {
        var payload = new byte[1024];
        var encoded = RlpCodec.EncodeString(payload);
        Assert.Equal("b90400", Convert.ToHexStringLower(encoded.AsSpan(0, 3)));
        Assert.Equal(1027, encoded.Length);
    }

    [Fact]
    public void Rejects_negative_integers()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => RlpCodec.EncodeInteger(BigInteger.MinusOne));
    }

    private static RlpItem Str(string text) => RlpItem.FromBytes(Encoding.ASCII.GetBytes(text));
}
