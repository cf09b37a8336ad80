using OpenVpp.Chain.Abi;

namespace OpenVpp.Chain.Tests.Abi;

public class AbiTypeParserTests
{
    [Theory]
    [InlineData("uint8")]
    [InlineData("uint256")]
    [InlineData("int16")]
    [InlineData("address")]
    [InlineData("bool")]
    [InlineData("bytes1")]
    [InlineData("bytes32")]
    [InlineData("bytes")]
    [InlineData("string")]
    [InlineData("uint256[3]")]
    [InlineData("bytes3[2][]")]
    [InlineData("(address,bool)[]")]
    [InlineData("(uint256,(string,bytes32[])[2],int8)[][4]")]
    public void Canonical_type_strings_parse_and_print_back_unchanged(string text)
    {
        Assert.Equal(text, AbiType.Parse(text).Canonical);
    }

    [Fact]
    public void Uint_and_int_aliases_become_256_bits()
    {
        Assert.Equal("(uint256,int256[])", AbiType.Parse("(uint,int[])").Canonical);
    }

    [Fact]
    public void Suffixes_apply_left_to_right_so_t_k_then_dynamic_is_a_dynamic_array_of_fixed_arrays()
    {
        var type = Assert.IsType<AbiArrayType>(AbiType.Parse("uint8[2][]"));
        Assert.Null(type.Length);
        Assert.Equal(2, Assert.IsType<AbiArrayType>(type.Element).Length);
        Assert.True(type.IsDynamic);
    }

    [Fact]
    public void Static_composites_take_their_whole_size_in_the_head()
    {
        Assert.Equal(32 * 6, AbiType.Parse("(uint8,bool)[3]").HeadSize);
        Assert.False(AbiType.Parse("(uint8,bool)[3]").IsDynamic);
        Assert.Equal(32, AbiType.Parse("(uint8,string)[3]").HeadSize);
        Assert.True(AbiType.Parse("(uint8,string)[3]").IsDynamic);
    }

    [Theory]
    [InlineData("")]
    [InlineData("uint7")]
    [InlineData("uint0")]
    [InlineData("uint264")]
    [InlineData("uint08")]
    [InlineData("int 8")]
    [InlineData("bytes0")]
    [InlineData("bytes33")]
    [InlineData("byte")]
    [InlineData("fixed128x18")]
    [InlineData("address payable")]
    [InlineData("uint256[0]")]
    [InlineData("uint256[01]")]
    [InlineData("uint256[")]
    [InlineData("uint256]")]
    [InlineData("uint256[-1]")]
    [InlineData("uint256[99999999999]")]
    [InlineData("()")]
    [InlineData("(uint256")]
    [InlineData("(uint256,)")]
    [InlineData("(,uint256)")]
    [InlineData("(uint256 ,bool)")]
    [InlineData("(uint256)(bool)")]
    [InlineData("Uint256")]
    [InlineData("uint256[65536][65536]")]
    public void Malformed_type_strings_are_rejected_with_an_abi_exception(string text)
    {
        var error = Assert.Throws<AbiException>(() => AbiType.Parse(text));
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
    }

    [Fact]
    public void Absurd_nesting_is_rejected_before_it_can_exhaust_the_stack()
    {
        var text = new string('(', 10_000) + "uint8" + new string(')', 10_000);
        Assert.Throws<AbiException>(() => AbiType.Parse(text));
        Assert.Throws<AbiException>(() => AbiType.Parse("uint8" + string.Concat(Enumerable.Repeat("[]", 10_000))));
    }

    [Fact]
    public void Function_signatures_need_an_identifier_and_a_parameter_list()
    {
        Assert.Equal("f()", AbiFunction.Parse("f()").Signature);
        Assert.Throws<AbiException>(() => AbiFunction.Parse("f"));
        Assert.Throws<AbiException>(() => AbiFunction.Parse("1f()"));
        Assert.Throws<AbiException>(() => AbiFunction.Parse("f(uint256)[]"));
        Assert.Throws<AbiException>(() => AbiFunction.Parse("f g(uint256)"));
    }
}
