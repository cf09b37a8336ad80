using Microsoft.Extensions.Time.Testing;
using OpenVpp.Gateway.Adapters.Mqtt;

namespace OpenVpp.Gateway.Tests.Adapters.Mqtt;

public class RejectionLogLimiterTests
{
    [Fact]
    public void Logs_once_per_topic_per_interval_and_counts_what_it_held_back()
    {
        var time = new FakeTimeProvider();
        var limiter = new RejectionLogLimiter(time, TimeSpan.FromMinutes(1));

        Assert.True(limiter.ShouldLog("a", out var suppressed));
        Assert.Equal(0, suppressed);
        Assert.False(limiter.ShouldLog("a", out _));
        Assert.False(limiter.ShouldLog("a", out _));
        Assert.True(limiter.ShouldLog("b", out _));

        time.Advance(TimeSpan.FromMinutes(1));
        Assert.True(limiter.ShouldLog("a", out suppressed));
        Assert.Equal(2, suppressed);
    }
}
