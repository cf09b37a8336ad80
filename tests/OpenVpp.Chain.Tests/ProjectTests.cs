using OpenVpp.Core.Crypto;

namespace OpenVpp.Chain.Tests;

public class ProjectTests
{
    [Fact]
    public void Keccak_of_an_empty_input_is_the_published_ethereum_value()
    {
        Assert.Equal(
            "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470",
            Convert.ToHexStringLower(Keccak256.Hash([])));
    }
}
