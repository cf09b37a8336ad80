using System.Reflection;

namespace OpenVpp.Protocols.Tests;

public sealed class EmbeddedResourceTests
{
    private static readonly Assembly Protocols = typeof(ProtocolsAssemblyInfo).Assembly;

    [Theory]
    [InlineData("ocpp/ocpp1_6.json")]
    [InlineData("ocpp/ocpp2_0_1.json")]
    [InlineData("sunspec/model_1.json")]
    [InlineData("sunspec/model_124.json")]
    [InlineData("sunspec/model_713.json")]
    public void The_protocol_definitions_are_embedded_from_their_sources(string name)
    {
        using var stream = Protocols.GetManifestResourceStream(name);
        Assert.NotNull(stream);
        Assert.True(stream.Length > 100, $"{name} is {stream.Length} bytes");
    }
}
