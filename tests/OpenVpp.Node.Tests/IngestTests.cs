using Microsoft.Extensions.Time.Testing;
using OpenVpp.Core.Crypto;
using OpenVpp.Core.Devices;
using OpenVpp.Node.Api;
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
}
