using OpenVpp.Chain.Abi;
using OpenVpp.Chain.Tests.Support;

namespace OpenVpp.Chain.Tests.Abi;

public class AbiErrorTests
{
    [Theory]
    [InlineData("NothingToClaim(address,uint256,uint256)")]
    [InlineData("InvalidProof()")]
    [InlineData("EpochOutOfOrder(uint64,uint64)")]
    [InlineData("Bad((bytes32,address)[],string)")]
    public void Selectors_agree_with_cast_sig(string signature) =>
        Assert.Equal(Cast.Run("sig", signature), Hex.Encode(AbiError.Parse(signature).Selector));

    [Fact]
    public void Decode_refuses_data_of_another_error()
    {
        var error = AbiError.Parse("InvalidProof()");
        Assert.Throws<AbiException>(() => error.Decode(AbiError.Parse("ReadingIsValid()").Encode()));
        Assert.Empty(error.Decode(error.Encode()));
    }

    [Theory]
    [InlineData("NothingToClaim")]
    [InlineData("1Bad(uint256)")]
    [InlineData("Bad(uint257)")]
    [InlineData("Bad(uint256 amount)")]
    public void Rejects_malformed_signatures(string signature) =>
        Assert.Throws<AbiException>(() => AbiError.Parse(signature));
}
