using System.Numerics;
using System.Text;
using OpenVpp.Chain.Abi;
using OpenVpp.Chain.Tests.Support;

namespace OpenVpp.Chain.Tests.Abi;

/// <summary>The worked examples of the Solidity ABI specification, encoded and decoded back.</summary>
public class AbiSpecExamplesTests
{
    private static byte[] Ascii(string text) => Encoding.ASCII.GetBytes(text);

    private static void AssertCall(AbiFunction function, object?[] arguments, string expectedHex)
    {
        var expected = Hex.Parse(expectedHex);
        var call = function.EncodeCall(arguments);
        Assert.Equal(Hex.Of(expected), Hex.Of(call));
        var decoded = function.DecodeCall(call);
        Assert.True(AbiValues.Equal(arguments, decoded), AbiValues.Show(decoded));
    }

    [Fact]
    public void Baz_with_69_and_true_matches_the_spec()
    {
        AssertCall(AbiFunction.Parse("baz(uint32,bool)"), [new BigInteger(69), true], """
            0xcdcd77c0
            0000000000000000000000000000000000000000000000000000000000000045
            0000000000000000000000000000000000000000000000000000000000000001
            """);
    }

    [Fact]
    public void Bar_with_two_bytes3_matches_the_spec()
    {
        AssertCall(AbiFunction.Parse("bar(bytes3[2])"), [new object?[] { Ascii("abc"), Ascii("def") }], """
            0xfce353f6
            6162630000000000000000000000000000000000000000000000000000000000
            6465660000000000000000000000000000000000000000000000000000000000
            """);
    }

    [Fact]
    public void Sam_with_dynamic_bytes_and_array_matches_the_spec()
    {
        object?[] numbers = [BigInteger.One, new BigInteger(2), new BigInteger(3)];
        AssertCall(AbiFunction.Parse("sam(bytes,bool,uint256[])"), [Ascii("dave"), true, numbers], """
            0xa5643bf2
            0000000000000000000000000000000000000000000000000000000000000060
            0000000000000000000000000000000000000000000000000000000000000001
            00000000000000000000000000000000000000000000000000000000000000a0
            0000000000000000000000000000000000000000000000000000000000000004
            6461766500000000000000000000000000000000000000000000000000000000
            0000000000000000000000000000000000000000000000000000000000000003
            0000000000000000000000000000000000000000000000000000000000000001
            0000000000000000000000000000000000000000000000000000000000000002
            0000000000000000000000000000000000000000000000000000000000000003
            """);
    }

    [Fact]
    public void F_with_mixed_static_and_dynamic_parameters_matches_the_spec()
    {
        object?[] numbers = [new BigInteger(0x456), new BigInteger(0x789)];
        AssertCall(
            AbiFunction.Parse("f(uint256,uint32[],bytes10,bytes)"),
            [new BigInteger(0x123), numbers, Ascii("1234567890"), Ascii("Hello, world!")],
            """
            0x8be65246
            0000000000000000000000000000000000000000000000000000000000000123
            0000000000000000000000000000000000000000000000000000000000000080
            3132333435363738393000000000000000000000000000000000000000000000
            00000000000000000000000000000000000000000000000000000000000000e0
            0000000000000000000000000000000000000000000000000000000000000002
            0000000000000000000000000000000000000000000000000000000000000456
            0000000000000000000000000000000000000000000000000000000000000789
            000000000000000000000000000000000000000000000000000000000000000d
            48656c6c6f2c20776f726c642100000000000000000000000000000000000000
            """);
    }

    [Fact]
    public void G_with_nested_dynamic_arrays_and_strings_matches_the_spec()
    {
        object?[] nested = [new object?[] { BigInteger.One, new BigInteger(2) }, new object?[] { new BigInteger(3) }];
        object?[] strings = ["one", "two", "three"];
        AssertCall(AbiFunction.Parse("g(uint256[][],string[])"), [nested, strings], """
            0x2289b18c
            0000000000000000000000000000000000000000000000000000000000000040
            0000000000000000000000000000000000000000000000000000000000000140
            0000000000000000000000000000000000000000000000000000000000000002
            0000000000000000000000000000000000000000000000000000000000000040
            00000000000000000000000000000000000000000000000000000000000000a0
            0000000000000000000000000000000000000000000000000000000000000002
            0000000000000000000000000000000000000000000000000000000000000001
            0000000000000000000000000000000000000000000000000000000000000002
            0000000000000000000000000000000000000000000000000000000000000001
            0000000000000000000000000000000000000000000000000000000000000003
            0000000000000000000000000000000000000000000000000000000000000003
            0000000000000000000000000000000000000000000000000000000000000060
            00000000000000000000000000000000000000000000000000000000000000a0
            00000000000000000000000000000000000000000000000000000000000000e0
            0000000000000000000000000000000000000000000000000000000000000003
            6f6e650000000000000000000000000000000000000000000000000000000000
            0000000000000000000000000000000000000000000000000000000000000003
            74776f0000000000000000000000000000000000000000000000000000000000
            0000000000000000000000000000000000000000000000000000000000000005
            7468726565000000000000000000000000000000000000000000000000000000
            """);
    }

    [Fact]
    public void Transfer_selector_is_a9059cbb()
    {
        var transfer = AbiFunction.Parse("transfer(address,uint256)");
        Assert.Equal("0xa9059cbb", Hex.Of(transfer.Selector));
    }

    [Fact]
    public void Transfer_event_topic_is_the_erc20_topic()
    {
        var transfer = AbiEvent.Parse("Transfer(address indexed,address indexed,uint256)");
        Assert.Equal("0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef", Hex.Of(transfer.Topic0));
    }

    [Fact]
    public void Negative_int_is_sign_extended_to_the_full_word()
    {
        Assert.Equal("0x" + new string('f', 63) + "b", Hex.Of(AbiEncoder.Encode(AbiType.Parse("int8"), new BigInteger(-5))));
        Assert.Equal(new BigInteger(-5), AbiDecoder.Decode(AbiType.Parse("int8"), AbiEncoder.Encode(AbiType.Parse("int8"), -5)));
    }

    [Fact]
    public void Return_data_decodes_into_one_value_per_output()
    {
        var balanceOf = AbiFunction.Parse("balanceOf(address)", "(uint256,bool)");
        var values = balanceOf.DecodeReturn(Hex.Parse(Hex.Word(1000) + Hex.Word(1)));
        Assert.Equal(new BigInteger(1000), values[0]);
        Assert.Equal(true, values[1]);
    }
}
