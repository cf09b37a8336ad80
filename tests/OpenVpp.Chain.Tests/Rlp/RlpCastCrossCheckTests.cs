using System.Text;
using OpenVpp.Chain.Rlp;
using OpenVpp.Chain.Tests.Support;
using RlpCodec = OpenVpp.Chain.Rlp.Rlp;

namespace OpenVpp.Chain.Tests.Rlp;

/// <summary>Compares our encoder with Foundry's <c>cast to-rlp</c> on trees that exercise every header form.</summary>
public class RlpCastCrossCheckTests
{
    [Fact]
    public void Agrees_with_cast_on_random_trees()
    {
        var random = new Random(20261125);
        for (var i = 0; i < 12; i++)
        {
            var item = RandomTree(random, depth: 3);
            Assert.Equal(Cast.Run("to-rlp", ToCastJson(item)), Hex.Encode(RlpCodec.Encode(item)));
        }
    }

    [Fact]
    public void Agrees_with_cast_on_a_list_longer_than_255_bytes()
    {
        var item = RlpItem.List(Enumerable.Range(0, 10).Select(i => RlpItem.FromBytes(new byte[30 + i])));
        Assert.Equal(Cast.Run("to-rlp", ToCastJson(item)), Hex.Encode(RlpCodec.Encode(item)));
    }

    // cast reads a JSON tree whose leaves are 0x-prefixed hex byte strings.
    private static string ToCastJson(RlpItem item)
    {
        if (!item.IsList)
        {
            return "\"" + Hex.Encode(item.Bytes) + "\"";
        }

        var builder = new StringBuilder("[");
        builder.AppendJoin(',', item.Items.Select(ToCastJson));
        return builder.Append(']').ToString();
    }

    private static RlpItem RandomTree(Random random, int depth)
    {
        if (depth == 0 || random.Next(3) == 0)
        {
            var length = random.Next(4) switch
            {
                0 => 0,
                1 => 1,
                2 => random.Next(50, 60),
                _ => random.Next(0, 300),
            };
            var bytes = new byte[length];
            random.NextBytes(bytes);
            return RlpItem.FromBytes(bytes);
        }

        return RlpItem.List(Enumerable.Range(0, random.Next(0, 5)).Select(_ => RandomTree(random, depth - 1)).ToList());
    }
}
