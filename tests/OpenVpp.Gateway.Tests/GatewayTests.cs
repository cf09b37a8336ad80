using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using OpenVpp.Core.Readings;
using OpenVpp.Gateway.Keystore;
using OpenVpp.Gateway.Tests.Support;

namespace OpenVpp.Gateway.Tests;

/// <summary>The whole gateway host (producer, outbox, uplink) against the test-only <see cref="FakeNode"/>.</summary>
public sealed class GatewayTests : IAsyncLifetime
{
    private const int Devices = 5;

    private readonly TempDir _dir = new();
    private readonly FakeTimeProvider _time = new(GatewayHarness.Origin + TimeSpan.FromMinutes(1));
    private FakeNode _node = null!;

    private static TimeSpan Interval => GatewayHarness.Interval;

    public async Task InitializeAsync() => _node = await FakeNode.StartAsync();

    public async Task DisposeAsync()
    {
        await _node.DisposeAsync();
        _dir.Dispose();
    }

    private GatewayOptions Options() => GatewayHarness.Options(_dir.Path, _node.Url);

    private Task<GatewayHarness> StartGatewayAsync() => GatewayHarness.StartAsync(Options(), _time, Devices);

    /// <summary>Moves fake time to the end of interval <paramref name="count"/> and waits until it is in the outbox.</summary>
    private async Task ProduceIntervalsAsync(GatewayHarness gateway, int count)
    {
        var target = GatewayHarness.Origin + (count * Interval);
        if (_time.GetUtcNow() < target)
        {
            _time.Advance(target - _time.GetUtcNow());
        }

        // A timer the producer registered just after the jump is due up to a minute later (it re-reads the clock
        // every interval/15); nudge time by that only when the producer has not caught up, staying within the interval.
        await Wait.UntilAsync(
            async () => (await gateway.Outbox.CountAsync()).Produced >= count * Devices, _time, TimeSpan.FromMinutes(1), pollMilliseconds: 500);
    }

    private void AssertEveryDeviceStoredOnceInOrder(int intervals)
    {
        var stored = _node.Stored;
        Assert.Equal(intervals * Devices, stored.Count);
        foreach (var device in stored.GroupBy(r => r.DeviceId))
        {
            Assert.Equal(Enumerable.Range(1, intervals).Select(i => (ulong)i), device.Select(r => r.Sequence));
            Assert.Equal(
                Enumerable.Range(0, intervals).Select(i => GatewayHarness.Origin + (i * Interval)),
                device.Select(r => r.IntervalStart));
        }
    }

    [Fact]
    public async Task Registers_devices_signs_readings_and_delivers_each_interval()
    {
        await using var gateway = await StartGatewayAsync();
        await Wait.UntilAsync(() => _node.RegisteredCount == Devices);

        await ProduceIntervalsAsync(gateway, 3);
        await Wait.UntilAsync(() => _node.Stored.Count == 3 * Devices, _time, TimeSpan.FromSeconds(1));

        AssertEveryDeviceStoredOnceInOrder(3);
        await Wait.UntilAsync(async () => (await gateway.Outbox.CountAsync()).Pending == 0);
        var counts = await gateway.Outbox.CountAsync();
        Assert.Equal((3L * Devices, 3L * Devices, 0L), (counts.Produced, counts.Delivered, counts.Pending));
        Assert.Equal(GatewayHarness.Origin, gateway.Adapter.ResumedAt);
        Assert.All(_node.Stored, r => Assert.Equal(ReadingStatus.Estimated, r.Flags));
    }

    [Fact]
    public async Task Loses_nothing_while_the_node_is_down_and_delivers_everything_in_order_once_it_is_back()
    {
        const int intervals = 12;
        await using var gateway = await StartGatewayAsync();
        await Wait.UntilAsync(() => _node.RegisteredCount == Devices);
        _node.Unavailable = true;

        for (var i = 1; i <= intervals; i++)
        {
            await ProduceIntervalsAsync(gateway, i);
        }

        var offline = await gateway.Outbox.CountAsync();
        Assert.Equal(intervals * Devices, offline.Pending);
        Assert.Empty(_node.Stored);
        // The uplink logs its failed attempt on its own thread; under load that can come after the last interval.
        await Wait.UntilAsync(() => gateway.Logs.Lines.Any(l => l.Level == LogLevel.Warning
            && l.Message.Contains("is unreachable", StringComparison.Ordinal)
            && l.Message.Contains("readings are waiting safely in the outbox", StringComparison.Ordinal)));

        _node.Unavailable = false;
        await Wait.UntilAsync(() => _node.Stored.Count == intervals * Devices, _time, TimeSpan.FromSeconds(5));

        AssertEveryDeviceStoredOnceInOrder(intervals);
        await Wait.UntilAsync(async () => (await gateway.Outbox.CountAsync()).Pending == 0);
        var counts = await gateway.Outbox.CountAsync();
        Assert.Equal(intervals * Devices, counts.Delivered);
        Assert.Equal(0, counts.Rejected);
        Assert.Equal(0, _node.DuplicatesAnswered);
    }

    [Fact]
    public async Task Catches_up_when_the_node_process_was_stopped_and_refused_connections()
    {
        await using var gateway = await StartGatewayAsync();
        await Wait.UntilAsync(() => _node.RegisteredCount == Devices);
        await _node.StopAsync();

        await ProduceIntervalsAsync(gateway, 4);
        await Wait.UntilAsync(() => gateway.Logs.Lines.Any(l => l.Message.Contains("is unreachable", StringComparison.Ordinal)));

        await _node.RestartAsync();
        await Wait.UntilAsync(() => _node.Stored.Count == 4 * Devices, _time, TimeSpan.FromSeconds(5));

        AssertEveryDeviceStoredOnceInOrder(4);
    }

    [Fact]
    public async Task Batches_are_no_larger_than_the_configured_size_and_sent_back_to_back()
    {
        var options = Options();
        options.UploadBatchSize = 3;
        await using var gateway = await GatewayHarness.StartAsync(options, _time, Devices);
        await Wait.UntilAsync(() => _node.RegisteredCount == Devices);
        _node.Unavailable = true;
        await ProduceIntervalsAsync(gateway, 4);
        _node.Unavailable = false;

        await Wait.UntilAsync(() => _node.Stored.Count == 4 * Devices, _time, TimeSpan.FromSeconds(5));

        AssertEveryDeviceStoredOnceInOrder(4);
    }

    [Fact]
    public async Task Restart_continues_sequences_and_resends_unacknowledged_readings_without_duplicates_at_the_node()
    {
        var gateway = await StartGatewayAsync();
        await Wait.UntilAsync(() => _node.RegisteredCount == Devices);
        await ProduceIntervalsAsync(gateway, 3);
        await Wait.UntilAsync(() => _node.Stored.Count == 3 * Devices, _time, TimeSpan.FromSeconds(1));

        // Interval 4 reaches the node but its answer is lost; interval 5 never reaches it.
        _node.LoseAnswers = true;
        await ProduceIntervalsAsync(gateway, 4);
        await Wait.UntilAsync(() => _node.Stored.Count == 4 * Devices, _time, TimeSpan.FromSeconds(1));
        _node.LoseAnswers = false;
        _node.Unavailable = true;
        await ProduceIntervalsAsync(gateway, 5);

        // Interval 5 waits; interval 4 waits too unless the uplink's retry (on the fake clock the test moves) reached
        // the node between the switches above, where the node answered it as a stored duplicate. Either way it is
        // stored once and answered as a duplicate, which the end of the test checks.
        Assert.InRange((await gateway.Outbox.CountAsync()).Pending, Devices, 2 * Devices);
        await gateway.DisposeAsync();

        _node.Unavailable = false;
        await using var restarted = await StartGatewayAsync();
        await Wait.UntilAsync(() => restarted.Adapter.ResumedAt is not null);
        Assert.Equal(GatewayHarness.Origin + (5 * Interval), restarted.Adapter.ResumedAt);
        await ProduceIntervalsAsync(restarted, 7);
        await Wait.UntilAsync(async () => (await restarted.Outbox.CountAsync()).Pending == 0, _time, TimeSpan.FromSeconds(1));

        await Wait.UntilAsync(() => _node.Stored.Count == 7 * Devices, _time, TimeSpan.FromSeconds(1));
        AssertEveryDeviceStoredOnceInOrder(7);
        // The interval whose answer was lost must have been resent (the node answers stored duplicates); a retry
        // racing the test's switch of the fake node may resend it once more. Stored once either way (checked above).
        Assert.InRange(_node.DuplicatesAnswered, Devices, 2 * Devices);
        var counts = await restarted.Outbox.CountAsync();
        Assert.Equal((7L * Devices, 7L * Devices, 0L), (counts.Produced, counts.Delivered, counts.Rejected));
    }

    [Fact]
    public async Task After_downtime_the_producer_makes_the_missed_intervals_in_order()
    {
        var gateway = await StartGatewayAsync();
        await ProduceIntervalsAsync(gateway, 2);
        await gateway.DisposeAsync();

        _time.Advance(TimeSpan.FromHours(3));
        await using var restarted = await StartGatewayAsync();
        await Wait.UntilAsync(async () => (await restarted.Outbox.CountAsync()).Produced >= 14 * Devices);

        Assert.Equal(
            Enumerable.Range(2, 12).Select(i => GatewayHarness.Origin + (i * Interval)),
            restarted.Adapter.Measured.Take(12));
        await Wait.UntilAsync(() => _node.Stored.Count == 14 * Devices, _time, TimeSpan.FromSeconds(1));
        AssertEveryDeviceStoredOnceInOrder(14);
    }

    [Fact]
    public async Task Final_rejections_are_acknowledged_with_their_reason_and_unknown_devices_wait_for_registration()
    {
        _node.Reject = r => r.Sequence == 1 && r.EnergyImportedWh % Devices == 1 ? "implausible" : null;
        _node.IgnoreRegistrationOfSite["home-0004"] = true;
        await using var gateway = await StartGatewayAsync();

        await ProduceIntervalsAsync(gateway, 1);
        await Wait.UntilAsync(async () => (await gateway.Outbox.CountAsync()).Delivered == Devices - 2);
        var counts = await gateway.Outbox.CountAsync();
        Assert.Equal(1, counts.RejectedByReason["implausible"]);
        Assert.Equal(1, counts.Pending);
        await Wait.UntilAsync(() => gateway.Logs.Lines.Any(l => l.Level == LogLevel.Warning
            && l.Message.Contains("as implausible", StringComparison.Ordinal) && l.Message.Contains("home-", StringComparison.Ordinal)));

        _node.IgnoreRegistrationOfSite.Clear();
        await Wait.UntilAsync(async () => (await gateway.Outbox.CountAsync()).Pending == 0, _time, TimeSpan.FromSeconds(1));
        Assert.Equal(Devices - 1, (await gateway.Outbox.CountAsync()).Delivered);
    }

    [Fact]
    public async Task Refuses_to_start_when_the_keystore_is_readable_by_others()
    {
        await (await StartGatewayAsync()).DisposeAsync();
        File.SetUnixFileMode(_dir.File(DeviceKeystore.FileName), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);

        var error = await Assert.ThrowsAsync<KeystoreException>(StartGatewayAsync);

        Assert.Contains("chmod 600", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refuses_to_start_with_invalid_options_and_names_them()
    {
        var options = Options();
        options.DataDir = "";
        options.UploadBatchSize = 0;

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => GatewayHarness.StartAsync(options, _time, Devices));

        Assert.Contains("DataDir", error.Message, StringComparison.Ordinal);
        Assert.Contains("UploadBatchSize", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_reports_the_outbox_after_the_gateway_stopped()
    {
        await using (var gateway = await StartGatewayAsync())
        {
            await ProduceIntervalsAsync(gateway, 2);
            await Wait.UntilAsync(() => _node.Stored.Count == 2 * Devices, _time, TimeSpan.FromSeconds(1));
            await Wait.UntilAsync(async () => (await gateway.Outbox.CountAsync()).Pending == 0);
        }

        var counts = await GatewayStatus.ReadAsync(_dir.Path);

        Assert.Equal((2L * Devices, 2L * Devices, 0L, 0L), (counts.Produced, counts.Delivered, counts.Pending, counts.Rejected));
    }
}
