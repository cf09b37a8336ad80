using System.Numerics;
using OpenVpp.Chain.Abi;
using OpenVpp.Chain.Tests.Support;

namespace OpenVpp.Chain.Tests.Abi;

/// <summary>Malformed or non-canonical data must fail with <see cref="AbiException"/>, never another exception.</summary>
public class AbiDecoderStrictnessTests
{
    private static readonly string Max = new('f', 64);

    private static AbiException AssertRejected(string types, string hex)
    {
        var list = AbiFunction.Parse("f" + types).Inputs;
        return Assert.Throws<AbiException>(() => AbiDecoder.DecodeParameters(list, Hex.Parse(hex)));
    }

    [Theory]
    [InlineData("(uint8)", "0000000000000000000000000000000000000000000000000000000000000100")]
    [InlineData("(uint32)", "8000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("(int8)", "0000000000000000000000000000000000000000000000000000000000000080")]
    [InlineData("(int8)", "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f")]
    [InlineData("(int8)", "7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff")]
    [InlineData("(address)", "0000000000000000000000010000000000000000000000000000000000000000")]
    [InlineData("(bool)", "0000000000000000000000000000000000000000000000000000000000000002")]
    [InlineData("(bool)", "1000000000000000000000000000000000000000000000000000000000000001")]
    [InlineData("(bytes3)", "6162636400000000000000000000000000000000000000000000000000000000")]
    public void Rejects_value_words_wider_than_their_type(string types, string hex) => AssertRejected(types, hex);

    [Fact]
    public void Rejects_truncated_data()
    {
        AssertRejected("(uint256)", "");
        AssertRejected("(uint256)", new string('0', 62));
        AssertRejected("(uint256,bool)", Hex.Word(1));
    }

    [Fact]
    public void Rejects_offsets_past_the_end_or_beyond_int_range()
    {
        AssertRejected("(bytes)", Hex.Word(0x40));
        AssertRejected("(bytes)", Hex.Word(0x20));
        AssertRejected("(bytes)", Max);
        AssertRejected("(string)", "00000000000000000000000000000000000000000000000000000001" + "00000020" + Hex.Word(0));
    }

    [Fact]
    public void Rejects_lengths_past_the_end()
    {
        AssertRejected("(bytes)", Hex.Word(0x20) + Hex.Word(33) + new string('0', 64));
        AssertRejected("(bytes)", Hex.Word(0x20) + Max);
        AssertRejected("(uint256[])", Hex.Word(0x20) + Hex.Word(2) + Hex.Word(1));
        AssertRejected("(uint256[])", Hex.Word(0x20) + Max);
    }

    [Fact]
    public void Rejects_array_lengths_the_data_cannot_hold_before_allocating()
    {
        // 2^31-1 dynamic elements from a 64-byte input: must fail fast, not try to allocate.
        AssertRejected("(string[])", Hex.Word(0x20) + "000000000000000000000000000000000000000000000000000000007fffffff");
    }

    [Fact]
    public void Rejects_offsets_that_alias_the_same_tail()
    {
        var a = "61" + new string('0', 62);
        Assert.Contains("overlap", AssertRejected("(bytes,bytes)", Hex.Word(0x40) + Hex.Word(0x40) + Hex.Word(1) + a).Message, StringComparison.Ordinal);

        // The amplification shape: many offsets to one large blob would decode into many copies of it.
        var offsets = string.Concat(Enumerable.Repeat(Hex.Word(0x20 * 100), 100));
        var error = AssertRejected("(bytes[])", Hex.Word(0x20) + Hex.Word(100) + offsets + Hex.Word(32 * 50) + new string('0', 64 * 50));
        Assert.Contains("overlap", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_non_zero_padding_after_bytes_and_strings()
    {
        AssertRejected("(bytes)", Hex.Word(0x20) + Hex.Word(1) + "0101" + new string('0', 60));
        AssertRejected("(string)", Hex.Word(0x20) + Hex.Word(1) + "61000000000000000000000000000000000000000000000000000000000000ff");
    }

    [Fact]
    public void Rejects_strings_that_are_not_utf8()
    {
        AssertRejected("(string)", Hex.Word(0x20) + Hex.Word(1) + "ff" + new string('0', 62));
    }

    [Fact]
    public void Accepts_the_extreme_values_of_each_width()
    {
        var int8 = AbiType.Parse("int8");
        Assert.Equal(new BigInteger(-128), AbiDecoder.Decode(int8, Hex.Parse(new string('f', 62) + "80")));
        Assert.Equal(new BigInteger(127), AbiDecoder.Decode(int8, Hex.Parse(Hex.Word(0x7f))));
        Assert.Equal(BigInteger.Pow(2, 256) - 1, AbiDecoder.Decode(AbiType.Parse("uint256"), Hex.Parse(Max)));
        Assert.Equal(BigInteger.MinusOne, AbiDecoder.Decode(AbiType.Parse("int256"), Hex.Parse(Max)));
    }

    [Theory]
    [InlineData("uint8", 256)]
    [InlineData("uint8", -1)]
    [InlineData("int8", 128)]
    [InlineData("int8", -129)]
    public void Encoder_rejects_integers_outside_the_type(string type, int value)
    {
        Assert.Throws<AbiException>(() => AbiEncoder.Encode(AbiType.Parse(type), value));
    }

    [Fact]
    public void Encoder_rejects_values_of_the_wrong_shape()
    {
        Assert.Throws<AbiException>(() => AbiEncoder.Encode(AbiType.Parse("address"), new byte[19]));
        Assert.Throws<AbiException>(() => AbiEncoder.Encode(AbiType.Parse("bytes4"), new byte[3]));
        Assert.Throws<AbiException>(() => AbiEncoder.Encode(AbiType.Parse("bool"), 1));
        Assert.Throws<AbiException>(() => AbiEncoder.Encode(AbiType.Parse("string"), new byte[1]));
        Assert.Throws<AbiException>(() => AbiEncoder.Encode(AbiType.Parse("string"), "\ud800"));
        Assert.Throws<AbiException>(() => AbiEncoder.Encode(AbiType.Parse("uint8[2]"), new object?[] { 1 }));
        Assert.Throws<AbiException>(() => AbiEncoder.Encode(AbiType.Parse("(uint8,bool)"), new object?[] { 1 }));
        Assert.Throws<AbiException>(() => AbiEncoder.Encode(AbiType.Parse("uint8[]"), null));
        Assert.Throws<AbiException>(() => AbiFunction.Parse("f(uint8)").EncodeCall());
    }

    [Fact]
    public void Call_data_for_another_function_is_rejected()
    {
        var call = AbiFunction.Parse("f(uint256)").EncodeCall(1);
        Assert.Throws<AbiException>(() => AbiFunction.Parse("g(uint256)").DecodeCall(call));
        Assert.Throws<AbiException>(() => AbiFunction.Parse("f(uint256)").DecodeCall(call.AsSpan(0, 3)));
    }
}
