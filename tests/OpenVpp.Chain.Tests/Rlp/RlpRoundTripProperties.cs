using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using OpenVpp.Chain.Rlp;
using RlpCodec = OpenVpp.Chain.Rlp.Rlp;

namespace OpenVpp.Chain.Tests.Rlp;

public class RlpRoundTripProperties
{
    [Property(Arbitrary = [typeof(RlpArbitraries)], MaxTest = 500)]
    public bool Decoding_an_encoded_item_gives_the_same_tree(RlpItem item)
    {
        var encoded = RlpCodec.Encode(item);
        return encoded.Length == RlpCodec.LengthOf(item) && RlpCodec.Decode(encoded).StructurallyEquals(item);
    }

    [Property(MaxTest = 500)]
    public bool Integers_round_trip(ulong value) =>
        RlpCodec.Decode(RlpCodec.EncodeInteger(value)).ToUInt64() == value;

    [Property(MaxTest = 300)]
    public bool Big_integers_round_trip(byte[] bytes)
    {
        var value = new System.Numerics.BigInteger(bytes, isUnsigned: true, isBigEndian: true);
        var encoded = RlpCodec.EncodeInteger(value);
        return encoded.Length == RlpCodec.LengthOfInteger(value) && RlpCodec.Decode(encoded).ToBigInteger() == value;
    }
}

/// <summary>Random RLP trees: strings of every length class (including 0–127 single bytes and over 55) and lists.</summary>
public static class RlpArbitraries
{
    public static Arbitrary<RlpItem> Items() => Gen.Sized(Tree).ToArbitrary();

    private static Gen<RlpItem> Tree(int size)
    {
        var lengths = Gen.Frequency(
            (3, Gen.Choose(0, 3)),
            (2, Gen.Choose(50, 60)),
            (1, Gen.Choose(0, 300)));
        var strings = lengths
            .SelectMany(n => Gen.ArrayOf(ArbMap.Default.GeneratorFor<byte>(), n))
            .Select(bytes => RlpItem.FromBytes(bytes));
        if (size <= 0)
        {
            return strings;
        }

        var lists = Gen.Choose(0, 6)
            .SelectMany(n => Gen.ListOf(Tree(size / 3), n))
            .Select(children => RlpItem.List(children));
        return Gen.OneOf(strings, lists);
    }
}
