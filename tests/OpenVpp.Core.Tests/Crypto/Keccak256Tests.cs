using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using OpenVpp.Core.Crypto;
using OpenVpp.Core.Tests.TestSupport;

namespace OpenVpp.Core.Tests.Crypto;

public class Keccak256Tests
{
    [Theory]
    [InlineData("", "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470")]
    [InlineData("abc", "4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45")]
    [InlineData("The quick brown fox jumps over the lazy dog", "4d741b6f1eb29cb2a9b9911c82f56fa8d73b04959d3d9d222895df6c0b28aa15")]
    public void Matches_published_vectors(string input, string expectedHex)
    {
        var hash = Keccak256.Hash(Encoding.ASCII.GetBytes(input));

        Assert.Equal(expectedHex, Convert.ToHexStringLower(hash));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(32)]
    [InlineData(64)]
    [InlineData(135)]
    [InlineData(136)] // exactly one rate block: padding needs a whole extra block
    [InlineData(137)]
    [InlineData(140)] // a signed reading
    [InlineData(200)]
    [InlineData(271)]
    [InlineData(272)]
    [InlineData(1000)]
    public void Matches_BouncyCastle_around_block_boundaries(int length)
    {
        var data = Pattern(length);

        Assert.Equal(BouncyKeccak.Hash(data), Keccak256.Hash(data));
    }

    [Fact]
    public void Matches_BouncyCastle_for_every_length_up_to_three_blocks()
    {
        for (var length = 0; length <= 3 * 136; length++)
        {
            var data = Pattern(length);
            Assert.True(Keccak256.Hash(data).AsSpan().SequenceEqual(BouncyKeccak.Hash(data)), $"length {length}");
        }
    }

    [Property(MaxTest = 300)]
    public Property Matches_BouncyCastle_for_random_inputs_up_to_600_bytes() =>
        Prop.ForAll(
            Gen.Choose(0, 600).SelectMany(n => Gen.ArrayOf(ArbMap.Default.GeneratorFor<byte>(), n)).ToArbitrary(),
            data => Keccak256.Hash(data).AsSpan().SequenceEqual(BouncyKeccak.Hash(data)));

    [Property]
    public Property HashPair_equals_hash_of_the_concatenated_words() =>
        Prop.ForAll(
            Gen.Two(Gen.ArrayOf(ArbMap.Default.GeneratorFor<byte>(), 32)).ToArbitrary(),
            words =>
            {
                var (a, b) = words;
                var pair = new byte[32];
                Keccak256.HashPair(a, b, pair);
                return pair.AsSpan().SequenceEqual(BouncyKeccak.Hash([.. a, .. b]));
            });

    [Fact]
    public void HashPair_may_write_over_one_of_its_inputs()
    {
        var a = Pattern(32);
        var b = Pattern(64)[32..];
        var expected = BouncyKeccak.Hash([.. a, .. b]);

        Keccak256.HashPair(a, b, a);

        Assert.Equal(expected, a);
    }

    [Fact]
    public void Span_overload_writes_the_same_hash_as_the_array_overload()
    {
        var data = Pattern(140);
        var output = new byte[40];

        Keccak256.Hash(data, output);

        Assert.Equal(Keccak256.Hash(data), output[..32]);
        Assert.All(output[32..], b => Assert.Equal(0, b));
    }

    [Fact]
    public void Rejects_an_output_shorter_than_32_bytes()
    {
        Assert.Throws<ArgumentException>(() => Keccak256.Hash([1, 2, 3], new byte[31]));
    }

    private static byte[] Pattern(int length)
    {
        var data = new byte[length];
        for (var i = 0; i < length; i++)
        {
            data[i] = unchecked((byte)((i * 31) + 7));
        }

        return data;
    }
}
