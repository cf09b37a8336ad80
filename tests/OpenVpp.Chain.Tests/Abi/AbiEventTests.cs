using System.Numerics;
using System.Text;
using OpenVpp.Chain.Abi;
using OpenVpp.Core.Crypto;
using OpenVpp.Chain.Tests.Support;

namespace OpenVpp.Chain.Tests.Abi;

public class AbiEventTests
{
    private static readonly byte[] From = Enumerable.Range(1, 20).Select(i => (byte)i).ToArray();
    private static readonly byte[] To = Enumerable.Range(101, 20).Select(i => (byte)i).ToArray();

    private static byte[] Padded(byte[] address)
    {
        var word = new byte[32];
        address.CopyTo(word, 12);
        return word;
    }

    [Fact]
    public void Transfer_log_decodes_indexed_addresses_from_topics_and_the_amount_from_data()
    {
        var transfer = AbiEvent.Parse("Transfer(address indexed,address indexed,uint256)");
        var values = transfer.DecodeLog([transfer.Topic0, Padded(From), Padded(To)], Hex.Parse(Hex.Word(500)));

        Assert.Equal(From, values[0]);
        Assert.Equal(To, values[1]);
        Assert.Equal(new BigInteger(500), values[2]);
    }

    [Fact]
    public void Indexed_dynamic_parameters_come_back_as_their_keccak_hash()
    {
        var settled = AbiEvent.Parse("Settled(string indexed,uint64 indexed,bytes,uint256[])");
        var hash = Keccak256.Hash(Encoding.UTF8.GetBytes("epoch-7"));
        object?[] amounts = [new BigInteger(3), new BigInteger(4)];
        var data = AbiEncoder.EncodeParameters(
            [AbiBytesType.Instance, AbiType.Parse("uint256[]")], [new byte[] { 0xab }, amounts]);

        var values = settled.DecodeLog([settled.Topic0, hash, Hex.Parse(Hex.Word(7))], data);

        Assert.Equal(hash, values[0]);
        Assert.Equal(new BigInteger(7), values[1]);
        Assert.Equal(new byte[] { 0xab }, values[2]);
        Assert.True(AbiValues.Equal(amounts, values[3]));
        Assert.Equal("Settled(string,uint64,bytes,uint256[])", settled.Signature);
    }

    [Fact]
    public void Indexed_flags_inside_a_signature_attach_to_the_right_parameter_even_after_a_tuple()
    {
        var e = AbiEvent.Parse("E((uint8,bool),uint16 indexed,(bytes,string) indexed)");
        Assert.Equal([false, true, true], e.Parameters.Select(p => p.Indexed));
        Assert.Equal("E((uint8,bool),uint16,(bytes,string))", e.Signature);
    }

    [Fact]
    public void A_log_with_the_wrong_topic0_or_topic_count_is_rejected()
    {
        var transfer = AbiEvent.Parse("Transfer(address indexed,address indexed,uint256)");
        var data = Hex.Parse(Hex.Word(1));
        Assert.Throws<AbiException>(() => transfer.DecodeLog([new byte[32], Padded(From), Padded(To)], data));
        Assert.Throws<AbiException>(() => transfer.DecodeLog([transfer.Topic0, Padded(From)], data));
        Assert.Throws<AbiException>(() => transfer.DecodeLog([transfer.Topic0, Padded(From), new byte[31]], data));
        Assert.Throws<AbiException>(() => transfer.DecodeLog([transfer.Topic0, Padded(From), Hex.Parse(new string('f', 64))], data));
    }

    [Fact]
    public void More_than_three_indexed_parameters_is_not_an_event()
    {
        Assert.Throws<AbiException>(() => AbiEvent.Parse("E(uint8 indexed,uint8 indexed,uint8 indexed,uint8 indexed)"));
    }
}
