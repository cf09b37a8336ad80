using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using OpenVpp.Core.Crypto;
using OpenVpp.Core.Devices;
using OpenVpp.Core.Wire;
using OpenVpp.Node.Api;
using static OpenVpp.Node.Tests.TestData;

namespace OpenVpp.Node.Tests;

public sealed class ApiTests : IAsyncLifetime
{
    private readonly string _dir = TempDir();
    private readonly FakeTimeProvider _time = new(Now);
    private NodeHost _node = null!;

    public async Task InitializeAsync() => _node = await NodeHost.StartAsync(_dir, _time, o => o.MaxBatchSize = 10);

    public async Task DisposeAsync()
    {
        await _node.DisposeAsync();
        DeleteDir(_dir);
    }

    [Fact]
    public async Task Registers_devices_idempotently_and_rejects_bad_entries()
    {
        using var key = P256DeviceKey.Create();
        var offCurve = "0x" + new string('1', 128);
        var response = await _node.RegisterAsync(
            Registration(key),
            Registration(key),
            Registration(key) with { PublicKey = offCurve },
            Registration(key) with { Kind = "toaster" },
            Registration(key) with { NameplatePowerW = 0 },
            Registration(key) with { Region = " " });

        Assert.Equal(["registered", "already_registered", "rejected", "rejected", "rejected", "rejected"], response.Results.Select(r => r.Status));
        Assert.Equal(key.Id.ToString(), response.Results[0].DeviceId);
        Assert.Contains("curve", response.Results[2].Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lists_devices_by_region_and_kind_and_pages()
    {
        var keys = Enumerable.Range(0, 5).Select(_ => P256DeviceKey.Create()).ToArray();
        await _node.RegisterAsync(
            Registration(keys[0], DeviceKind.Battery, region: "north"),
            Registration(keys[1], DeviceKind.SolarInverter, region: "north"),
            Registration(keys[2], DeviceKind.SolarInverter, region: "north"),
            Registration(keys[3], DeviceKind.SolarInverter, region: "south"),
            Registration(keys[4], DeviceKind.EvCharger, region: "south"));

        var northSolar = await _node.GetAsync<DevicePage>("/v1/devices?region=north&kind=solar_inverter");
        Assert.Equal(2, northSolar.Items.Count);
        var firstPage = await _node.GetAsync<DevicePage>("/v1/devices?limit=3");
        var secondPage = await _node.GetAsync<DevicePage>($"/v1/devices?limit=3&offset={firstPage.NextOffset}");
        Assert.Equal(3, firstPage.Items.Count);
        Assert.Equal(2, secondPage.Items.Count);
        Assert.Null(secondPage.NextOffset);
        Assert.Equal(5, firstPage.Items.Concat(secondPage.Items).Select(d => d.DeviceId).Distinct().Count());
        await AssertProblemAsync(await _node.Client.GetAsync(new Uri($"/v1/devices/{P256DeviceKey.Create().Id}", UriKind.Relative)), HttpStatusCode.NotFound);
        await AssertProblemAsync(await _node.Client.GetAsync(new Uri("/v1/devices/0x1234", UriKind.Relative)), HttpStatusCode.BadRequest);
        foreach (var key in keys)
        {
            key.Dispose();
        }
    }

    [Fact]
    public async Task Sums_region_totals_per_interval_and_kind()
    {
        using var battery = P256DeviceKey.Create();
        using var load = P256DeviceKey.Create();
        using var other = P256DeviceKey.Create();
        await _node.RegisterAsync(
            Registration(battery, DeviceKind.Battery, region: "north"),
            Registration(load, DeviceKind.HouseholdLoad, region: "north"),
            Registration(other, DeviceKind.Battery, region: "south"));
        var t0 = Now.AddHours(-1);
        var response = await _node.IngestAsync(
            Sign(battery, Reading(battery, 1, t0, importedWh: 100, exportedWh: 300)),
            Sign(battery, Reading(battery, 2, t0.AddMinutes(15), importedWh: 50, exportedWh: 0)),
            Sign(load, Reading(load, 1, t0, importedWh: 400, exportedWh: 0, averageW: -1600, soc: null)),
            Sign(other, Reading(other, 1, t0, importedWh: 999, exportedWh: 0)));
        Assert.Equal(4, response.Accepted);

        var totals = await _node.GetAsync<RegionTotals>("/v1/regions/north/totals?from=2026-03-01T00:00:00Z&to=2026-03-02T00:00:00Z");

        Assert.Equal(2, totals.Intervals.Count);
        var first = totals.Intervals[0];
        Assert.Equal(t0, first.IntervalStart);
        Assert.Equal(500, first.EnergyImportedWh);
        Assert.Equal(300, first.EnergyExportedWh);
        Assert.Equal(2, first.DeviceCount);
        Assert.Equal(["battery", "household_load"], first.ByKind.Select(k => k.Kind));
        Assert.Equal(50, totals.Intervals[1].EnergyImportedWh);
    }

    [Fact]
    public async Task Answers_bad_input_with_problem_details()
    {
        using var notJson = new StringContent("{ this is not json", Encoding.UTF8, "application/json");
        await AssertProblemAsync(await _node.Client.PostAsync(new Uri("/v1/readings", UriKind.Relative), notJson), HttpStatusCode.BadRequest);

        using var noReadings = new StringContent("{}", Encoding.UTF8, "application/json");
        await AssertProblemAsync(await _node.Client.PostAsync(new Uri("/v1/readings", UriKind.Relative), noReadings), HttpStatusCode.BadRequest);

        var tooMany = new IngestRequest([.. Enumerable.Repeat("AAAA", 11)]);
        await AssertProblemAsync(await _node.Client.PostAsJsonAsync("/v1/readings", tooMany, WireJsonContext.Default.IngestRequest), HttpStatusCode.RequestEntityTooLarge);

        await AssertProblemAsync(await _node.Client.GetAsync(new Uri("/v1/regions/north/totals", UriKind.Relative)), HttpStatusCode.BadRequest);
        await AssertProblemAsync(await _node.Client.GetAsync(new Uri("/v1/epochs/12345", UriKind.Relative)), HttpStatusCode.NotFound);
        await AssertProblemAsync(await _node.Client.GetAsync(new Uri("/v1/epochs?limit=0", UriKind.Relative)), HttpStatusCode.BadRequest);
        await AssertProblemAsync(await _node.Client.GetAsync(new Uri("/v1/nothing-here", UriKind.Relative)), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Serves_an_openapi_document_listing_the_routes()
    {
        using var document = JsonDocument.Parse(await _node.Client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative)));
        var paths = document.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();

        Assert.Contains("/v1/readings", paths);
        Assert.Contains("/v1/devices", paths);
        Assert.Contains("/v1/epochs/{index}", paths);
        Assert.Contains("/v1/readings/{id}/{sequence}/proof", paths);
        Assert.Contains("/v1/regions/{region}/totals", paths);
    }

    [Fact]
    public async Task Reports_health_and_stats()
    {
        var health = await _node.GetAsync<HealthStatus>("/health");
        var stats = await _node.GetAsync<NodeStats>("/v1/stats");

        Assert.Equal("ok", health.Status);
        Assert.Equal(0, stats.Accepted);
        Assert.Equal(7, stats.Rejected.Count);
    }

    [Fact]
    public void Refuses_bad_options_with_a_clear_message()
    {
        var error = Assert.Throws<ArgumentException>(() => NodeApplication.Build(new NodeOptions { DataDir = "", EpochLength = TimeSpan.Zero, MaxBatchSize = 0 }));

        Assert.Contains("DataDir", error.Message, StringComparison.Ordinal);
        Assert.Contains("EpochLength", error.Message, StringComparison.Ordinal);
        Assert.Contains("MaxBatchSize", error.Message, StringComparison.Ordinal);
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        using (response)
        {
            Assert.Equal(status, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.Equal((int)status, body.RootElement.GetProperty("status").GetInt32());
        }
    }
}
