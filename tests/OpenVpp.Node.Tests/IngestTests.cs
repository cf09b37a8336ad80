using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using OpenVpp.Core.Crypto;
using OpenVpp.Core.Devices;
using OpenVpp.Node.Api;
using OpenVpp.Node.Ingest;
using static OpenVpp.Node.Tests.TestData;

namespace OpenVpp.Node.Tests;

public sealed class IngestTests : IAsyncLifetime
{
    private readonly string _dir = TempDir();
    private readonly FakeTimeProvider _time = new(Now);
    private readonly P256DeviceKey _battery = P256DeviceKey.Create();
    private readonly P256DeviceKey _solar = P256DeviceKey.Create();
    private NodeHost _node = null!;

    public async Task InitializeAsync()
    {
        _node = await NodeHost.StartAsync(_dir, _time);
        await _node.RegisterAsync(Registration(_battery), Registration(_solar, DeviceKind.SolarInverter, 4000));
    }

    public async Task DisposeAsync()
    {
        await _node.DisposeAsync();
        _battery.Dispose();
        _solar.Dispose();
        DeleteDir(_dir);
    }

    [Fact]
    public async Task Answers_each_reading_and_keeps_the_good_ones_in_a_mixed_batch()
    {
        var start = Now.AddMinutes(-30);
        using var stranger = P256DeviceKey.Create();
        var badSignature = SignBytes(_battery, Reading(_battery, 2, start.AddMinutes(15)));
        badSignature[^5] ^= 0x01;
        var futureStart = Now.AddMinutes(10);

        var response = await _node.IngestAsync(
            Sign(_battery, Reading(_battery, 1, start)),
            "not base64!",
            Convert.ToBase64String(new byte[100]),
            Sign(stranger, Reading(stranger, 1, start)),
            Convert.ToBase64String(badSignature),
            Sign(_solar, Reading(_solar, 1, futureStart, soc: null, importedWh: 0, averageW: 100)),
            Sign(_solar, Reading(_solar, 2, start, importedWh: 0, exportedWh: 999_999, soc: null)),
            Sign(_solar, Reading(_solar, 3, start, importedWh: 0, exportedWh: 500, soc: null)));

        Assert.Equal(
            ["accepted", "malformed", "malformed", "unknown_device", "bad_signature", "future_timestamp", "implausible", "accepted"],
            response.Results.Select(r => r.Reason ?? r.Status));
        Assert.Equal(2, response.Accepted);
        Assert.Equal(6, response.Rejected);
        Assert.Equal(Enumerable.Range(0, 8), response.Results.Select(r => r.Index));
        Assert.All(response.Results.Where(r => r.Status == "rejected"), r => Assert.False(string.IsNullOrEmpty(r.Detail)));

        var battery = await _node.GetAsync<ReadingList>($"/v1/devices/{_battery.Id}/readings?from=2026-03-01T00:00:00Z&to=2026-03-02T00:00:00Z");
        var solar = await _node.GetAsync<ReadingList>($"/v1/devices/{_solar.Id}/readings?from=2026-03-01T00:00:00Z&to=2026-03-02T00:00:00Z");
        Assert.Equal([1UL], battery.Items.Select(r => r.Sequence));
        Assert.Equal([3UL], solar.Items.Select(r => r.Sequence));
    }

    [Fact]
    public async Task Rejects_duplicates_and_sequence_regressions_while_accepting_the_rest()
    {
        var start = Now.AddHours(-2);
        var first = Sign(_battery, Reading(_battery, 5, start));
        Assert.Equal(1, (await _node.IngestAsync(first)).Accepted);

        var response = await _node.IngestAsync(
            first,
            Sign(_battery, Reading(_battery, 5, start, importedWh: 7)),
            Sign(_battery, Reading(_battery, 4, start.AddMinutes(-15))),
            Sign(_battery, Reading(_battery, 6, start.AddMinutes(15))));

        Assert.Equal(["duplicate", "duplicate", "sequence_regression", "accepted"], response.Results.Select(r => r.Reason ?? r.Status));
        Assert.Equal([true, false, false, true], response.Results.Select(r => r.Stored));
    }

    [Fact]
    public async Task Later_readings_in_a_batch_see_earlier_ones_of_the_same_device()
    {
        var start = Now.AddHours(-1);
        var second = Sign(_battery, Reading(_battery, 2, start.AddMinutes(15)));
        var response = await _node.IngestAsync(
            Sign(_battery, Reading(_battery, 1, start)),
            second,
            Sign(_battery, Reading(_battery, 3, start.AddMinutes(20))), // overlaps sequence 2
            second,
            Sign(_battery, Reading(_battery, 4, start.AddMinutes(30))));

        Assert.Equal(["accepted", "accepted", "implausible", "duplicate", "accepted"], response.Results.Select(r => r.Reason ?? r.Status));
        Assert.Contains("overlap", response.Results[2].Detail, StringComparison.Ordinal);
        Assert.True(response.Results[3].Stored);
    }

    [Fact]
    public async Task Resending_a_batch_is_idempotent()
    {
        var start = Now.AddHours(-6);
        var batch = Enumerable.Range(0, 40)
            .Select(i => Sign(i % 2 == 0 ? _battery : _solar, Reading(i % 2 == 0 ? _battery : _solar, (ulong)(i / 2) + 1, start.AddMinutes(15 * (i / 2)), importedWh: 0, soc: i % 2 == 0 ? (ushort)5000 : null)))
            .ToArray();

        var firstTime = await _node.IngestAsync(batch);
        var secondTime = await _node.IngestAsync(batch);

        Assert.Equal(40, firstTime.Accepted);
        Assert.All(secondTime.Results, r =>
        {
            Assert.Equal("duplicate", r.Reason);
            Assert.True(r.Stored);
        });
        var stats = await _node.GetAsync<NodeStats>("/v1/stats");
        Assert.Equal(40, stats.Stored.Readings);
        Assert.Equal(40, stats.Accepted);
        Assert.Equal(40, stats.Rejected["duplicate"]);
    }

    [Fact]
    public async Task State_survives_a_restart_on_the_same_data_dir()
    {
        var start = Now.AddHours(-1);
        var first = Sign(_battery, Reading(_battery, 10, start));
        await _node.IngestAsync(first, Sign(_battery, Reading(_battery, 11, start.AddMinutes(15))));
        await _node.DisposeAsync();

        _node = await NodeHost.StartAsync(_dir, _time);
        var response = await _node.IngestAsync(
            first,
            Sign(_battery, Reading(_battery, 9, start.AddMinutes(-15))),
            Sign(_battery, Reading(_battery, 12, start.AddMinutes(20))),
            Sign(_battery, Reading(_battery, 12, start.AddMinutes(30))));

        Assert.Equal(["duplicate", "sequence_regression", "implausible", "accepted"], response.Results.Select(r => r.Reason ?? r.Status));
        var device = await _node.GetAsync<DeviceView>($"/v1/devices/{_battery.Id}");
        Assert.Equal("battery", device.Kind);
        var readings = await _node.GetAsync<ReadingList>($"/v1/devices/{_battery.Id}/readings?from=2026-03-01T00:00:00Z&to=2026-03-02T00:00:00Z");
        Assert.Equal([10UL, 11UL, 12UL], readings.Items.Select(r => r.Sequence));
    }

    [Fact]
    public async Task Ingests_a_large_batch_verified_in_parallel()
    {
        var keys = Enumerable.Range(0, 20).Select(_ => P256DeviceKey.Create()).ToArray();
        await _node.RegisterAsync([.. keys.Select(k => Registration(k))]);
        var start = Now.AddDays(-1);
        var batch = Enumerable.Range(0, 1000)
            .Select(i => Sign(keys[i % 20], Reading(keys[i % 20], (ulong)(i / 20) + 1, start.AddMinutes(15 * (i / 20)))))
            .ToArray();

        var response = await _node.IngestAsync(batch);

        Assert.Equal(1000, response.Accepted);
        foreach (var key in keys)
        {
            key.Dispose();
        }
    }

    [Fact]
    public async Task Batches_written_in_one_group_see_each_other_in_arrival_order()
    {
        var ingest = _node.App.Services.GetRequiredService<IngestService>();
        var stats = _node.App.Services.GetRequiredService<IngestStats>();
        var groupsBefore = stats.WriterGroups;
        var start = Now.AddHours(-3);
        string At(ulong sequence, int minutes, long importedWh = 100) => Sign(_battery, Reading(_battery, sequence, start.AddMinutes(minutes), importedWh: importedWh));

        var third = At(3, 15);

        var responses = await Task.WhenAll(ingest.IngestTogether(
            [At(2, 0), third],
            [At(4, 30), At(5, 45)],
            [At(1, -15), third, At(4, 30, importedWh: 7), At(6, 50), At(6, 60)]));

        Assert.Equal(groupsBefore + 1, stats.WriterGroups);
        Assert.Equal(["accepted", "accepted"], responses[0].Results.Select(r => r.Reason ?? r.Status));
        Assert.Equal(["accepted", "accepted"], responses[1].Results.Select(r => r.Reason ?? r.Status));
        Assert.Equal(
            ["sequence_regression", "duplicate", "duplicate", "implausible", "accepted"],
            responses[2].Results.Select(r => r.Reason ?? r.Status));
        Assert.Equal([false, true, false, false, true], responses[2].Results.Select(r => r.Stored));
        Assert.Equal([2, 2, 1], responses.Select(r => r.Accepted));

        var readings = await _node.GetAsync<ReadingList>($"/v1/devices/{_battery.Id}/readings?from=2026-03-01T00:00:00Z&to=2026-03-02T00:00:00Z");
        Assert.Equal([2UL, 3UL, 4UL, 5UL, 6UL], readings.Items.Select(r => r.Sequence));
        Assert.Equal(readings.Items.OrderBy(r => r.AcceptedAt).Select(r => r.Sequence), readings.Items.Select(r => r.Sequence));
    }

    [Fact]
    public async Task Concurrent_requests_keep_each_lane_in_order()
    {
        var keys = Enumerable.Range(0, 8).Select(_ => P256DeviceKey.Create()).ToArray();
        await _node.RegisterAsync([.. keys.Select(k => Registration(k))]);
        var start = Now.AddDays(-1);

        // One lane per device, each sending its batches in order while the others send theirs.
        var lanes = await Task.WhenAll(keys.Select(async key =>
        {
            var accepted = 0;
            for (var b = 0; b < 5; b++)
            {
                var batch = Enumerable.Range((b * 4) + 1, 4)
                    .Select(s => Sign(key, Reading(key, (ulong)s, start.AddMinutes(15 * s))))
                    .ToArray();
                accepted += (await _node.IngestAsync(batch)).Accepted;
            }

            return accepted;
        }));

        Assert.All(lanes, accepted => Assert.Equal(20, accepted));
        var stats = await _node.GetAsync<NodeStats>("/v1/stats");
        Assert.Equal(160, stats.Stored.Readings);
        foreach (var key in keys)
        {
            key.Dispose();
        }
    }
}
