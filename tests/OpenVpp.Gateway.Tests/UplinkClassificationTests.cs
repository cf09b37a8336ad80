using OpenVpp.Core.Wire;
using OpenVpp.Gateway.Outbox;
using OpenVpp.Gateway.Uplink;

namespace OpenVpp.Gateway.Tests;

public sealed class UplinkClassificationTests
{
    private static readonly PendingReading[] Batch =
        [.. Enumerable.Range(1, 6).Select(i => new PendingReading(i * 10, "0xdev", (ulong)i, DateTimeOffset.UnixEpoch, new byte[140]))];

    private static IngestResult Result(int index, string status, string? reason, bool stored) =>
        new(index, "0xdev", (ulong)index + 1, status, reason, null, stored);

    [Fact]
    public void Acknowledges_stored_readings_and_final_rejections_and_keeps_unknown_devices_pending()
    {
        var response = new IngestResponse(1, 5,
        [
            Result(0, "accepted", null, true),
            Result(1, "rejected", "duplicate", true),
            Result(2, "rejected", "duplicate", false),
            Result(3, "rejected", "bad_signature", false),
            Result(4, "rejected", "unknown_device", false),
            Result(5, "rejected", "implausible", false),
        ]);

        var outcomes = UplinkService.Classify(Batch, response);

        Assert.Equal(
            [
                new OutboxOutcome(10, OutboxResults.Accepted, true),
                new OutboxOutcome(20, OutboxResults.AlreadyStored, true),
                new OutboxOutcome(30, "duplicate", true),
                new OutboxOutcome(40, "bad_signature", true),
                new OutboxOutcome(50, "unknown_device", false),
                new OutboxOutcome(60, "implausible", true),
            ],
            outcomes);
    }

    [Fact]
    public void An_answer_with_a_result_missing_does_not_count_as_an_answer()
    {
        var response = new IngestResponse(5, 0, [.. Enumerable.Range(0, 5).Select(i => Result(i, "accepted", null, true))]);

        Assert.False(UplinkService.AnswersBatch(Batch, response));
    }
}
