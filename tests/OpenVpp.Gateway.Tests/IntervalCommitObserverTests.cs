using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using OpenVpp.Core.Readings;
using OpenVpp.Gateway.Producer;
using OpenVpp.Gateway.Tests.Support;

namespace OpenVpp.Gateway.Tests;

/// <summary>The producer's hook for publishers: told after each committed interval, and unable to harm the gateway.</summary>
public sealed class IntervalCommitObserverTests : IAsyncLifetime
{
    private const int Devices = 3;
    private readonly TempDir _dir = new();
    private readonly FakeTimeProvider _time = new(GatewayHarness.Origin + TimeSpan.FromMinutes(1));
    private FakeNode _node = null!;

    public async Task InitializeAsync() => _node = await FakeNode.StartAsync();

    public async Task DisposeAsync()
    {
        await _node.DisposeAsync();
        _dir.Dispose();
    }

    [Fact]
    public async Task Observers_see_each_committed_interval_with_its_signed_readings_and_a_failing_one_changes_nothing()
    {
        var seen = new Recorder();
        await using var gateway = await GatewayHarness.StartAsync(GatewayHarness.Options(_dir.Path, _node.Url), _time, Devices, services =>
        {
            services.AddSingleton<IIntervalCommitObserver, Throwing>();
            services.AddSingleton<IIntervalCommitObserver>(seen);
        });

        _time.Advance(GatewayHarness.Origin + (2 * GatewayHarness.Interval) - _time.GetUtcNow());
        await Wait.UntilAsync(() => seen.Intervals.Count >= 2, _time, TimeSpan.FromMinutes(1), pollMilliseconds: 500);

        var first = seen.Intervals.First();
        Assert.Equal(GatewayHarness.Origin, first.Start);
        Assert.Equal(Devices, first.Readings.Count);
        Assert.All(first.Readings, r =>
        {
            Assert.Equal(1UL, r.Reading.Sequence);
            Assert.Equal(SignedReading.Length, r.SignedBytes.Length);
        });
        Assert.Equal(2 * Devices, (await gateway.Outbox.CountAsync()).Produced);
        Assert.Contains(gateway.Logs.Lines, l => l.Message.Contains("Throwing failed after interval", StringComparison.Ordinal));
    }

    private sealed class Recorder : IIntervalCommitObserver
    {
        public ConcurrentQueue<CommittedInterval> Intervals { get; } = new();

        public void OnIntervalCommitted(CommittedInterval interval) => Intervals.Enqueue(interval);
    }

    private sealed class Throwing : IIntervalCommitObserver
    {
        public void OnIntervalCommitted(CommittedInterval interval) => throw new InvalidOperationException("observer bug");
    }
}
