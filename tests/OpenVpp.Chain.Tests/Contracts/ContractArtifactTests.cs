using System.Text;
using OpenVpp.Chain.Abi;
using OpenVpp.Chain.Contracts;
using OpenVpp.Chain.Tests.Support;

namespace OpenVpp.Chain.Tests.Contracts;

public class ContractArtifactTests
{
    public static TheoryData<string> Deployable => ["PlainNft", "DeviceRegistry", "EpochLedger", "OvppToken"];

    [Theory]
    [MemberData(nameof(Deployable))]
    public void Every_function_selector_we_derive_is_in_the_compiled_dispatcher(string name)
    {
        // solc's dispatcher compares the call's selector with each function's, so each one is a constant in the
        // runtime code: an independent check of the types rebuilt from the JSON ABI, tuples included.
        var artifact = AnvilFixture.Artifact(name);
        var code = artifact.DeployedBytecode.ToArray();

        Assert.NotEmpty(artifact.Abi.Functions);
        Assert.All(artifact.Abi.Functions, f => Assert.True(Contains(code, f.Selector), $"{name}: {f.Signature} not in the dispatcher"));
    }

    [Fact]
    public void Tuple_parameters_become_canonical_tuple_types()
    {
        var registry = AnvilFixture.Artifact("DeviceRegistry");

        var register = registry.Abi.Function("registerDevices");
        Assert.Equal("registerDevices((bytes32,bytes32,address,uint32,uint32,bytes6,uint8)[])", register.Signature);
        Assert.Equal(Cast.Run("sig", register.Signature), Hex.Encode(register.Selector));
        Assert.Equal("(address,uint32,bytes6,uint8,bool)", registry.Abi.Function("device").Outputs[1].Canonical);
        Assert.Equal(["address"], registry.Abi.ConstructorInputs.Select(t => t.Canonical));
    }

    [Fact]
    public void Reads_events_with_indexed_flags_and_custom_errors()
    {
        var nft = AnvilFixture.Artifact("PlainNft");

        var transfer = nft.Abi.Event("Transfer");
        Assert.Equal("Transfer(address,address,uint256)", transfer.Signature);
        Assert.All(transfer.Parameters, p => Assert.True(p.Indexed));
        Assert.Equal(Cast.Run("keccak", transfer.Signature), Hex.Encode(transfer.Topic0));
        Assert.Equal(8, nft.Abi.Errors.Count);
        Assert.Equal("ERC721IncorrectOwner(address,uint256,address)", nft.Abi.Error("ERC721IncorrectOwner").Signature);
        Assert.Equal("PlainNft", nft.ContractName);
        Assert.Equal("contracts/test/PlainNft.sol", nft.SourceName);
    }

    [Fact]
    public void Overloaded_names_must_be_picked_by_signature()
    {
        var nft = AnvilFixture.Artifact("PlainNft");

        Assert.Throws<InvalidOperationException>(() => nft.Abi.Function("safeTransferFrom"));
        Assert.Equal(
            Cast.Run("sig", "safeTransferFrom(address,address,uint256,bytes)"),
            Hex.Encode(nft.Abi.FunctionBySignature("safeTransferFrom(address,address,uint256,bytes)").Selector));
        Assert.Throws<KeyNotFoundException>(() => nft.Abi.Function("noSuchFunction"));
    }

    [Fact]
    public void Loads_from_a_stream_as_from_a_file_and_appends_constructor_arguments()
    {
        var path = Repository.Artifact("DeviceRegistry");
        using var stream = new MemoryStream(File.ReadAllBytes(path));

        var fromStream = ContractArtifact.Load(stream);
        var fromFile = ContractArtifact.Load(path);

        Assert.Equal(fromFile.Bytecode.ToArray(), fromStream.Bytecode.ToArray());
        var admin = new byte[20];
        admin[19] = 1;
        var data = fromFile.DeploymentData(admin);
        Assert.Equal(fromFile.Bytecode.Length + 32, data.Length);
        Assert.Equal(1, data[^1]);
        Assert.Throws<AbiException>(() => fromFile.DeploymentData());
    }

    [Fact]
    public void An_interface_loads_but_cannot_be_deployed()
    {
        var registry = AnvilFixture.Artifact("IDeviceRegistry");

        Assert.True(registry.Bytecode.IsEmpty);
        Assert.Throws<InvalidOperationException>(() => registry.DeploymentData());
    }

    [Theory]
    [InlineData("""{"contractName":"X","abi":[],"bytecode":"0x6001__$abcdef$__","deployedBytecode":"0x"}""", "unlinked")]
    [InlineData("""{"contractName":"X","bytecode":"0x","deployedBytecode":"0x"}""", "abi")]
    [InlineData("""{"contractName":"X","abi":[],"bytecode":"6001","deployedBytecode":"0x"}""", "bytecode")]
    [InlineData("""{"abi":[],"bytecode":"0x","deployedBytecode":"0x"}""", "contractName")]
    [InlineData("""{"contractName":"X","abi":[{"type":"function","name":"f","inputs":[{"type":"tuple"}]}],"bytecode":"0x","deployedBytecode":"0x"}""", "components")]
    [InlineData("""{"contractName":"X","abi":[{"type":"function","name":"f","inputs":[{"type":"fixed128x18"}]}],"bytecode":"0x","deployedBytecode":"0x"}""", "fixed")]
    [InlineData("""{"contractName":"X","abi":[{"type":"weird"}],"bytecode":"0x","deployedBytecode":"0x"}""", "weird")]
    [InlineData("""[1,2]""", "object")]
    [InlineData("""{"contractName":""", "JSON")]
    public void Rejects_malformed_artifacts_with_a_message_that_says_what(string json, string expected)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(json));
        var error = Assert.ThrowsAny<FormatException>(() => ContractArtifact.Load(stream));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    private static bool Contains(byte[] code, byte[] selector) => code.AsSpan().IndexOf(selector) >= 0;
}
