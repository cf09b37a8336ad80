using System.Numerics;
using OpenVpp.Chain.Abi;
using OpenVpp.Chain.Crypto;
using OpenVpp.Chain.Reverts;
using OpenVpp.Chain.Tests.Support;

namespace OpenVpp.Chain.Tests.Reverts;

/// <summary>Revert data built by cast (an independent encoder) and decoded by ours.</summary>
public class RevertDecoderTests
{
    private static readonly AbiError NothingToClaim = AbiError.Parse("NothingToClaim(address,uint256,uint256)");

    [Fact]
    public void Error_string_from_cast_decodes_to_its_message()
    {
        var data = Hex.Decode(Cast.Run("calldata", "Error(string)", "not enough credit"));

        var reason = RevertDecoder.Default.Decode(data);

        Assert.Equal(RevertKind.Error, reason.Kind);
        Assert.Equal("not enough credit", reason.Message);
        Assert.Equal(["not enough credit"], reason.Arguments);
        Assert.Equal(data, RevertDecoder.ErrorString.Encode("not enough credit"));
        Assert.Equal("0x08c379a0", Hex.Encode(RevertDecoder.ErrorString.Selector));
    }

    [Theory]
    [InlineData(0x01, "Panic 0x01: assert(false)")]
    [InlineData(0x11, "Panic 0x11: arithmetic overflow or underflow")]
    [InlineData(0x12, "Panic 0x12: division or modulo by zero")]
    [InlineData(0x32, "Panic 0x32: array index out of bounds")]
    [InlineData(0x99, "Panic 0x99: unknown panic code")]
    public void Panic_from_cast_decodes_to_Soliditys_name_for_the_code(int code, string expected)
    {
        var data = Hex.Decode(Cast.Run("calldata", "Panic(uint256)", code.ToString(System.Globalization.CultureInfo.InvariantCulture)));

        var reason = RevertDecoder.Default.Decode(data);

        Assert.Equal(RevertKind.Panic, reason.Kind);
        Assert.Equal(new BigInteger(code), reason.PanicCode);
        Assert.Equal(expected, reason.Message);
    }

    [Fact]
    public void Custom_error_from_cast_decodes_by_name_with_arguments()
    {
        const string Account = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
        var data = Hex.Decode(Cast.Run("calldata", NothingToClaim.Signature, Account, "5", "1000000000000000000000"));
        Assert.Equal(Cast.Run("sig", NothingToClaim.Signature), Hex.Encode(NothingToClaim.Selector));

        var reason = new RevertDecoder([NothingToClaim]).Decode(data);

        Assert.Equal(RevertKind.Custom, reason.Kind);
        Assert.Equal("NothingToClaim", reason.Name);
        Assert.Same(NothingToClaim, reason.Error);
        Assert.Equal(EthAddress.Parse(Account).ToArray(), reason.Arguments[0]);
        Assert.Equal(new BigInteger(5), reason.Arguments[1]);
        Assert.Equal(BigInteger.Pow(10, 21), reason.Arguments[2]);
        Assert.Equal($"NothingToClaim({Account}, 5, 1000000000000000000000)", reason.Message);
        Assert.Equal(data, NothingToClaim.Encode(EthAddress.Parse(Account).ToArray(), new BigInteger(5), BigInteger.Pow(10, 21)));
    }

    [Fact]
    public void A_custom_error_the_decoder_was_not_given_is_unknown_but_named_by_selector()
    {
        var data = NothingToClaim.Encode(new byte[20], BigInteger.One, BigInteger.One);

        var reason = RevertDecoder.Default.Decode(data);

        Assert.Equal(RevertKind.Unknown, reason.Kind);
        Assert.Contains(Hex.Encode(NothingToClaim.Selector)[2..], reason.Message, StringComparison.Ordinal);
        Assert.Equal(data, reason.Data);
    }

    [Fact]
    public void Empty_short_and_truncated_data_never_throw()
    {
        Assert.Equal(RevertKind.Empty, RevertDecoder.Default.Decode([]).Kind);
        Assert.Equal(RevertKind.Unknown, RevertDecoder.Default.Decode([0x08, 0xc3]).Kind);

        var truncated = RevertDecoder.ErrorString.Encode("hello")[..40];
        var reason = RevertDecoder.Default.Decode(truncated);
        Assert.Equal(RevertKind.Unknown, reason.Kind);
        Assert.Contains("do not decode", reason.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Control_characters_in_a_reason_cannot_forge_a_new_log_line()
    {
        var reason = RevertDecoder.Default.Decode(RevertDecoder.ErrorString.Encode("ok\nERROR fake entry"));

        Assert.Equal("ok\\u000aERROR fake entry", reason.Message);
        Assert.Equal("ok\nERROR fake entry", reason.Arguments[0]);
    }

    [Fact]
    public void The_same_error_from_several_contracts_is_accepted_once()
    {
        var decoder = new RevertDecoder([NothingToClaim, AbiError.Parse("NothingToClaim(address,uint256,uint256)"), RevertDecoder.Panic]);
        Assert.Single(decoder.CustomErrors);
    }
}
