using OpenVpp.Protocols.Mqtt;

namespace OpenVpp.Protocols.Tests.Mqtt;

public class MqttTopicFilterTests
{
    [Theory]
    [InlineData("a/b/c", "a/b/c", true)]
    [InlineData("a/b/c", "a/b/d", false)]
    [InlineData("a/+/c", "a/x/c", true)]
    [InlineData("a/+/c", "a/x/y/c", false)]
    [InlineData("a/+", "a/", true)]
    [InlineData("a/#", "a", true)]
    [InlineData("a/#", "a/b/c", true)]
    [InlineData("#", "anything/at/all", true)]
    [InlineData("#", "$SYS/broker/uptime", false)]
    [InlineData("+/status", "$SYS/status", false)]
    [InlineData("tele/+/SENSOR", "tele/plug1/SENSOR", true)]
    [InlineData("tele/+/SENSOR", "tele/plug1/STATE", false)]
    [InlineData("a/b", "a/b/c", false)]
    [InlineData("a/b/c", "a/b", false)]
    public void Matches_topics_as_the_specification_says(string filter, string topic, bool expected) =>
        Assert.Equal(expected, MqttTopicFilter.Matches(filter, topic));

    [Theory]
    [InlineData("a/#/b")]
    [InlineData("a/b#")]
    [InlineData("a/b+/c")]
    [InlineData("")]
    public void Rejects_malformed_filters(string filter) => Assert.False(MqttTopicFilter.IsValid(filter, out _));
}
