using Microsoft.Extensions.Time.Testing;
using OpenVpp.Core.Devices;
using OpenVpp.Gateway.Outbox;
using OpenVpp.Gateway.Tests.Support;

namespace OpenVpp.Gateway.Tests;

public sealed class OutboxStoreTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2025, 6, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(15);
    private static readonly DeviceId A = new(Enumerable.Repeat((byte)0xAA, 20).ToArray());
    private static readonly DeviceId B = new(Enumerable.Repeat((byte)0xBB, 20).ToArray());

    private readonly TempDir _dir = new();
    private readonly FakeTimeProvider _time = new(Start);

    private string PathToDb => _dir.File(OutboxStore.FileName);

    private static OutboxEntry Entry(DeviceId device, ulong sequence, DateTimeOffset start)
    {
        var bytes = new byte[140];
        bytes[0] = (byte)sequence;
        device.Bytes.CopyTo(bytes.AsSpan(4));
        return new OutboxEntry(device, sequence, start, bytes);
    }

    private static async Task WriteTwoIntervalsAsync(OutboxStore outbox)
    {
        await outbox.AppendIntervalAsync(Start, Interval, [Entry(A, 1, Start), Entry(B, 1, Start)]);
        await outbox.AppendIntervalAsync(Start + Interval, Interval, [Entry(A, 2, Start + Interval), Entry(B, 2, Start + Interval)]);
    }

    [Fact]
    public async Task Pending_readings_cursor_and_sequences_survive_closing_and_reopening()
    {
        IReadOnlyList<PendingReading> before;
        using (var outbox = OutboxStore.Open(PathToDb, _time))
        {
            await WriteTwoIntervalsAsync(outbox);
            before = await outbox.ReadPendingAsync(0, 100);
        }

        using var reopened = OutboxStore.Open(PathToDb, _time);
        var after = await reopened.ReadPendingAsync(0, 100);
        var cursor = await reopened.ReadCursorAsync();

        Assert.Equal(4, after.Count);
        Assert.Equal(before.Select(r => (r.Id, r.DeviceId, r.Sequence, r.IntervalStart)), after.Select(r => (r.Id, r.DeviceId, r.Sequence, r.IntervalStart)));
        Assert.All(after.Zip(before), p => Assert.Equal(p.Second.SignedBytes, p.First.SignedBytes));
        Assert.Equal(Start + Interval, cursor.LastIntervalStart);
        Assert.Equal(Interval, cursor.Interval);
        Assert.Equal(3UL, cursor.NextSequences[A.ToString()]);
        Assert.Equal(3UL, cursor.NextSequences[B.ToString()]);
    }

    [Fact]
    public async Task Uses_write_ahead_logging_with_full_synchronisation()
    {
        using var outbox = OutboxStore.Open(PathToDb, _time);
        await WriteTwoIntervalsAsync(outbox);

        Assert.True(File.Exists(PathToDb + "-wal"));
    }

    [Fact]
    public async Task Refuses_a_second_reading_under_a_used_sequence_number_and_writes_nothing_of_that_interval()
    {
        using var outbox = OutboxStore.Open(PathToDb, _time);
        await WriteTwoIntervalsAsync(outbox);

        await Assert.ThrowsAnyAsync<Exception>(() =>
            outbox.AppendIntervalAsync(Start + (2 * Interval), Interval, [Entry(B, 3, Start + (2 * Interval)), Entry(A, 2, Start + (2 * Interval))]));

        var cursor = await outbox.ReadCursorAsync();
        Assert.Equal(4, (await outbox.ReadPendingAsync(0, 100)).Count);
        Assert.Equal(Start + Interval, cursor.LastIntervalStart);
        Assert.Equal(3UL, cursor.NextSequences[B.ToString()]);
    }

    [Fact]
    public async Task Final_outcomes_leave_the_queue_and_others_stay_pending_with_their_reason()
    {
        using var outbox = OutboxStore.Open(PathToDb, _time);
        await WriteTwoIntervalsAsync(outbox);
        var rows = await outbox.ReadPendingAsync(0, 100);

        await outbox.RecordOutcomesAsync(
        [
            new OutboxOutcome(rows[0].Id, OutboxResults.Accepted, Final: true),
            new OutboxOutcome(rows[1].Id, "implausible", Final: true),
            new OutboxOutcome(rows[2].Id, OutboxResults.AlreadyStored, Final: true),
            new OutboxOutcome(rows[3].Id, "unknown_device", Final: false),
        ]);

        var pending = await outbox.ReadPendingAsync(0, 100);
        var counts = await outbox.CountAsync();
        Assert.Equal([rows[3].Id], pending.Select(r => r.Id));
        Assert.Equal(4, counts.Produced);
        Assert.Equal(2, counts.Delivered);
        Assert.Equal(1, counts.Pending);
        Assert.Equal(1, counts.RejectedByReason["implausible"]);
        Assert.Equal(Start + Interval, counts.LastProducedIntervalStart);
    }

    [Fact]
    public async Task Pruning_removes_old_acknowledged_rows_but_keeps_their_counts()
    {
        using var outbox = OutboxStore.Open(PathToDb, _time);
        await WriteTwoIntervalsAsync(outbox);
        var rows = await outbox.ReadPendingAsync(0, 100);
        await outbox.RecordOutcomesAsync([new OutboxOutcome(rows[0].Id, OutboxResults.Accepted, true), new OutboxOutcome(rows[1].Id, "bad_signature", true)]);
        _time.Advance(TimeSpan.FromDays(8));
        await outbox.RecordOutcomesAsync([new OutboxOutcome(rows[2].Id, OutboxResults.Accepted, true)]);

        var pruned = await outbox.PruneAsync(_time.GetUtcNow() - TimeSpan.FromDays(7));

        var counts = await outbox.CountAsync();
        Assert.Equal(2, pruned);
        Assert.Equal(4, counts.Produced);
        Assert.Equal(2, counts.Delivered);
        Assert.Equal(1, counts.Pending);
        Assert.Equal(1, counts.RejectedByReason["bad_signature"]);
    }

    [Fact]
    public async Task Status_of_a_data_directory_without_outbox_is_all_zero()
    {
        var counts = await GatewayStatus.ReadAsync(_dir.Path);

        Assert.Equal(0, counts.Produced);
        Assert.False(File.Exists(PathToDb));
    }

    public void Dispose() => _dir.Dispose();
}
