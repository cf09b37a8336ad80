using System.Numerics;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using OpenVpp.Chain.Abi;
using OpenVpp.Chain.Tests.Support;

namespace OpenVpp.Chain.Tests.Abi;

/// <summary>Cross-checks against Foundry's cast (an independent Rust implementation) installed by <c>npm ci</c>.</summary>
public class AbiCastCrossCheckTests
{
    private static readonly byte[] Address = Hex.Parse("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed");

    [Fact]
    public void Tuple_array_parameters_encode_like_cast_abi_encode()
    {
        const string Signature = "f(uint256,string,(address,bool)[])";
        var function = AbiFunction.Parse(Signature);
        object?[] pairs = [new object?[] { Address, true }, new object?[] { new byte[20], false }];
        object?[] arguments = [BigInteger.One, "hello", pairs];

        var expected = Cast.Run("abi-encode", Signature, "1", "hello", $"[({Hex.Of(Address)},true),({Hex.Of(new byte[20])},false)]");

        Assert.Equal(expected, Hex.Of(AbiEncoder.EncodeParameters(function.Inputs, arguments)));
    }

    [Fact]
    public void Call_data_matches_cast_calldata()
    {
        const string Signature = "settle(uint64,int128,bytes32,bytes,(uint8,string[])[2])";
        var function = AbiFunction.Parse(Signature);
        object?[] arguments =
        [
            new BigInteger(ulong.MaxValue), BigInteger.Parse("-170141183460469231731687303715884105728", System.Globalization.CultureInfo.InvariantCulture),
            Enumerable.Range(0, 32).Select(i => (byte)i).ToArray(), new byte[] { 1, 2, 3 },
            new object?[] { new object?[] { new BigInteger(255), new object?[] { "a", "bc" } }, new object?[] { BigInteger.Zero, Array.Empty<object?>() } },
        ];

        var expected = Cast.Run(CastArguments.Command("calldata", Signature, function.Inputs, arguments));

        Assert.Equal(expected, Hex.Of(function.EncodeCall(arguments)));
    }

    [Fact]
    public void Selectors_and_topics_match_cast()
    {
        Assert.Equal(Cast.Run("sig", "transfer(address,uint256)"), Hex.Of(AbiFunction.Parse("transfer(address,uint256)").Selector));
        Assert.Equal(
            Cast.Run("sig", "f((uint256,bytes)[],int8[3])"),
            Hex.Of(AbiFunction.Parse("f((uint256,bytes)[],int8[3])").Selector));
        Assert.Equal(
            Cast.Run("keccak", "Transfer(address,address,uint256)"),
            Hex.Of(AbiEvent.Parse("Transfer(address indexed,address indexed,uint256)").Topic0));
    }

    [Fact]
    public void Data_that_cast_encodes_decodes_to_the_values_given_to_cast()
    {
        var function = AbiFunction.Parse("f(int16,bool,string,uint8[])", "(int16,bool,string,uint8[])");
        var encoded = Cast.Run("abi-encode", "--", "f(int16,bool,string,uint8[])", "-300", "true", "OpenVPP", "[1,2,255]");

        var values = function.DecodeReturn(Hex.Parse(encoded));

        object?[] expected = [new BigInteger(-300), true, "OpenVPP", new object?[] { BigInteger.One, new BigInteger(2), new BigInteger(255) }];
        Assert.True(AbiValues.Equal(expected, values), AbiValues.Show(values));
    }

    [Fact]
    public void Cast_decodes_our_return_data_to_the_same_values()
    {
        var output = Cast.Run(
            "abi-decode", "f()(uint256,string,bool[])",
            Hex.Of(AbiEncoder.EncodeParameters(
                [AbiType.Parse("uint256"), AbiStringType.Instance, AbiType.Parse("bool[]")],
                [new BigInteger(7), "hi", new object?[] { true, false }])));

        Assert.Equal(["7", "\"hi\"", "[true, false]"], output.Split('\n'));
    }

    [Property(MaxTest = 40)]
    public Property Random_parameter_lists_encode_exactly_like_cast() =>
        Prop.ForAll(
            AbiGenerators.Parameters(castSafe: true).ToArbitrary(),
            pair =>
            {
                var function = new AbiFunction("f", pair.Types);
                var expected = Cast.Run(CastArguments.Command("calldata", function.Signature, pair.Types, pair.Values));
                var actual = Hex.Of(function.EncodeCall(pair.Values));
                return (expected == actual).Label($"{function.Signature}: cast {expected} ours {actual}");
            });
}
