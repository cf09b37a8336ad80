using OpenVpp.Chain.Rlp;
using OpenVpp.Chain.Tests.Support;
using RlpCodec = OpenVpp.Chain.Rlp.Rlp;

namespace OpenVpp.Chain.Tests.Rlp;

public class RlpDecodingTests
{
    [Fact]
    public void Decodes_a_list_of_strings()
    {
        var item = RlpCodec.Decode(Hex.Decode("0xc88363617483646f67"));
        Assert.True(item.IsList);
        Assert.Equal(2, item.Items.Count);
        Assert.Equal("cat"u8.ToArray(), item.Items[0].Bytes.ToArray());
        Assert.Equal("dog"u8.ToArray(), item.Items[1].Bytes.ToArray());
    }

    [Fact]
    public void Decodes_the_set_theoretic_representation_of_three()
    {
        var item = RlpCodec.Decode(Hex.Decode("0xc7c0c1c0c3c0c1c0"));
        Assert.Equal("[[], [[]], [[], [[]]]]", item.ToString());
    }

    [Fact]
    public void Decodes_a_long_string()
    {
        var item = RlpCodec.Decode(Hex.Decode("0xb8384c6f72656d20697073756d20646f6c6f722073697420616d65742c20636f6e7365637465747572206164697069736963696e6720656c6974"));
        Assert.Equal("Lorem ipsum dolor sit amet, consectetur adipisicing elit"u8.ToArray(), item.Bytes.ToArray());
    }

    [Theory]
    [InlineData("0x80", 0UL)]
    [InlineData("0x0f", 15UL)]
    [InlineData("0x820400", 1024UL)]
    [InlineData("0x88ffffffffffffffff", ulong.MaxValue)]
    public void Decodes_canonical_integers(string encoded, ulong expected)
    {
        Assert.Equal(expected, RlpCodec.Decode(Hex.Decode(encoded)).ToUInt64());
    }

    [Theory]
    [InlineData("0x", "ends at offset 0")]
    [InlineData("0x8100", "must be encoded as itself")]
    [InlineData("0x817f", "must be encoded as itself")]
    [InlineData("0xb800", "leading zero")]
    [InlineData("0xb90038", "leading zero")]
    [InlineData("0xb80100", "long form for 1 bytes")]
    [InlineData("0xf800", "leading zero")]
    [InlineData("0xf801c0", "long form for 1 bytes")]
    [InlineData("0x8000", "1 trailing byte")]
    [InlineData("0xc0c0", "1 trailing byte")]
    [InlineData("0x83646f", "declares 3 payload bytes but only 2 remain")]
    [InlineData("0xc28363", "declares 3 payload bytes but only 1 remain")]
    [InlineData("0xb9", "cut off inside its 2-byte length")]
    [InlineData("0xbf0100000000000000", "beyond any real input")]
    [InlineData("0xc3c28100", "must be encoded as itself")]
    public void Rejects_non_canonical_or_malformed_input(string encoded, string reason)
    {
        var error = Assert.Throws<RlpException>(() => RlpCodec.Decode(Hex.Decode(encoded)));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.False(RlpCodec.TryDecode(Hex.Decode(encoded), out var item, out var message));
        Assert.Null(item);
        Assert.Equal(error.Message, message);
    }

    [Fact]
    public void Rejects_long_form_for_a_55_byte_string()
    {
        var encoded = new byte[2 + 55];
        encoded[0] = 0xb8;
        encoded[1] = 55;
        var error = Assert.Throws<RlpException>(() => RlpCodec.Decode(encoded));
        Assert.Contains("long form for 55 bytes", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0x00")]
    [InlineData("0x820004")]
    public void Rejects_integers_with_leading_zero_bytes(string encoded)
    {
        var item = RlpCodec.Decode(Hex.Decode(encoded));
        var error = Assert.Throws<RlpException>(() => item.ToBigInteger());
        Assert.Contains("leading zero", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_integers_wider_than_64_bits_when_a_ulong_is_asked_for()
    {
        var item = RlpCodec.Decode(Hex.Decode("0x89010000000000000000"));
        Assert.Throws<RlpException>(() => item.ToUInt64());
    }

    [Fact]
    public void Rejects_reading_a_list_as_bytes_and_bytes_as_a_list()
    {
        Assert.Throws<RlpException>(() => RlpCodec.Decode(Hex.Decode("0xc0")).Bytes.Length);
        Assert.Throws<RlpException>(() => RlpCodec.Decode(Hex.Decode("0x80")).Items);
    }

    [Fact]
    public void Rejects_nesting_beyond_the_depth_limit()
    {
        // MaxDepth + 1 nested empty lists: each level is a one-byte header (all fit the short form only
        // for small depths), so build it with the encoder.
        var item = RlpItem.List();
        for (var i = 0; i < RlpCodec.MaxDepth + 1; i++)
        {
            item = RlpItem.List(item);
        }

        var error = Assert.Throws<RlpException>(() => RlpCodec.Decode(RlpCodec.Encode(item)));
        Assert.Contains("deeper than", error.Message, StringComparison.Ordinal);
    }
}
