using OpenVpp.Gateway.Uplink;

namespace OpenVpp.Gateway.Tests;

public sealed class ExponentialBackoffTests
{
    [Fact]
    public void Delays_double_from_half_a_second_and_stop_at_the_cap()
    {
        var backoff = new ExponentialBackoff(TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(60), () => 1.0);

        var delays = Enumerable.Range(0, 12).Select(_ => backoff.Next().TotalSeconds).ToArray();

        Assert.Equal([0.5, 1, 2, 4, 8, 16, 32, 60, 60, 60, 60, 60], delays);
    }

    [Fact]
    public void Jitter_keeps_each_delay_between_half_its_ceiling_and_the_ceiling()
    {
        var random = new Random(42);
        var backoff = new ExponentialBackoff(TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(60), random.NextDouble);

        for (var i = 0; i < 50; i++)
        {
            var ceiling = backoff.Ceiling;
            var delay = backoff.Next();
            Assert.InRange(delay, ceiling / 2, ceiling);
            Assert.True(delay <= TimeSpan.FromSeconds(60));
        }
    }

    [Fact]
    public void Reset_starts_again_from_the_first_delay()
    {
        var backoff = new ExponentialBackoff(TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(60), () => 1.0);
        for (var i = 0; i < 100; i++)
        {
            backoff.Next();
        }

        backoff.Reset();

        Assert.Equal(TimeSpan.FromMilliseconds(500), backoff.Next());
    }
}
