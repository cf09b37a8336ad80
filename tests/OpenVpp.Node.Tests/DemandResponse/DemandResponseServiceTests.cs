using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using OpenVpp.Core.Crypto;
using OpenVpp.Core.Devices;
using OpenVpp.Core.Readings;
using OpenVpp.Node.DemandResponse;
using OpenVpp.Node.Tests.OpenAdr;

namespace OpenVpp.Node.Tests.DemandResponse;

/// <summary>
/// The node's demand-response service end to end over its real VTN, store and fake clock: an operator's import
/// limit on a region is split across the region's batteries, each battery's VEN sees only its own DISPATCH_SETPOINT
/// event, delivery is measured from signed readings and reported back to the operator, and it all survives a restart.
/// </summary>
public sealed class DemandResponseServiceTests : IAsyncLifetime
{
    private static readonly DateTimeOffset EventStart = new(2026, 12, 6, 17, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(15);
    private readonly P256DeviceKey[] _batteries = [P256DeviceKey.Create(), P256DeviceKey.Create()];
    private readonly P256DeviceKey[] _meters = [P256DeviceKey.Create(), P256DeviceKey.Create()];
    private readonly P256DeviceKey _southBattery = P256DeviceKey.Create();
    private readonly Dictionary<DeviceId, ulong> _sequence = [];
    private VtnFixture _vtn = null!;

    public async Task InitializeAsync() => _vtn = await VtnFixture.StartAsync();

    public async Task DisposeAsync()
    {
        await _vtn.DisposeAsync();
        foreach (var key in _batteries.Concat(_meters).Append(_southBattery))
        {
            key.Dispose();
        }
    }

    [Fact]
    public async Task An_import_limit_is_dispatched_to_the_regions_batteries_measured_and_reported()
    {
        await _vtn.Node.RegisterAsync([
            .. _batteries.Select(k => TestData.Registration(k, DeviceKind.Battery, 5_000, "nl-north", 10_000)),
            .. _meters.Select(k => TestData.Registration(k, DeviceKind.GridMeter, 17_000, "nl-north", 0)),
            TestData.Registration(_southBattery, DeviceKind.Battery, 5_000, "nl-south", 10_000)]);
        var venToken = await _vtn.Client.TokenAsync(_vtn.Ven1.ClientId, _vtn.Ven1.ClientSecret);
        var ven = await _vtn.Client.OkAsync(HttpMethod.Post, "/vens", "/vens", venToken, new JsonObject { ["objectType"] = "VEN_VEN_REQUEST", ["venName"] = "home-gateway" }, HttpStatusCode.Created);
        var resources = new Dictionary<string, string>();
        foreach (var (key, name) in _batteries.Select((k, i) => (k, $"battery-{i}")).Append((_southBattery, "battery-south")))
        {
            var resource = await _vtn.Client.OkAsync(HttpMethod.Post, "/resources", "/resources", venToken, new JsonObject
            {
                ["objectType"] = "VEN_RESOURCE_REQUEST",
                ["resourceName"] = name,
                ["venID"] = ven["id"]!.GetValue<string>(),
                ["attributes"] = new JsonArray(new JsonObject { ["type"] = "OPENVPP_DEVICE_ID", ["values"] = new JsonArray(key.Id.ToString()) }),
            }, HttpStatusCode.Created);
            resources[name] = resource["id"]!.GetValue<string>();
        }

        // Two intervals of history, 15:45 and 16:00: batteries idle at 80 %, each meter importing 3 kW.
        for (var at = EventStart.AddMinutes(-75); at < EventStart.AddMinutes(-45); at += Interval)
        {
            await IngestIntervalAsync(at, batteryW: 0, soc: 8_000, meterImportW: 3_000);
        }

        var operatorToken = await _vtn.Client.TokenAsync(_vtn.Operator.ClientId, _vtn.Operator.ClientSecret);
        var program = await _vtn.Client.OkAsync(HttpMethod.Post, "/programs", "/programs", operatorToken, new JsonObject { ["programName"] = "north-peak" }, HttpStatusCode.Created);
        var programId = program["id"]!.GetValue<string>();
        // Hold nl-north's import under 2 kW for an hour: the forecast is 6 kW, so 4 kW must come from the fleet.
        var parent = await CreateEventAsync(programId, "nl-north", "IMPORT_CAPACITY_LIMIT", 2, 4);
        // An infeasible reduction on nl-south: one 5 kW battery cannot give 50 kW.
        var infeasible = await CreateEventAsync(programId, "nl-south", "DISPATCH_SETPOINT_RELATIVE", -50, 4);
        var service = _vtn.Node.App.Services.GetRequiredService<DemandResponseService>();

        _vtn.Time.SetUtcNow(EventStart.AddMinutes(-40));
        await service.TickAsync(default);
        Assert.All(service.Snapshot(), s => Assert.Equal(DrStatus.Scheduled, s.Status));

        // Resources were granted their own names as targets.
        var granted = await _vtn.Client.OkAsync(HttpMethod.Get, $"/resources/{resources["battery-0"]}", "/resources/{resourceID}", operatorToken);
        Assert.Contains("battery-0", granted["targets"]!.AsArray().Select(t => t!.GetValue<string>()));

        _vtn.Time.SetUtcNow(EventStart.AddMinutes(-30));
        await service.TickAsync(default);
        var north = service.Snapshot().Single(s => s.EventId == parent);
        Assert.Equal(DrStatus.Dispatched, north.Status);
        Assert.Equal(6_000, north.RegionPlans[0].ForecastW, 1);
        Assert.All(north.RegionPlans[0].RequiredW, w => Assert.Equal(4_000, w, 1));
        Assert.Equal(2, north.Devices.Count);
        Assert.All(north.Devices, d => Assert.All(d.ExpectedW, w => Assert.Equal(2_000, w, 1)));

        var south = service.Snapshot().Single(s => s.EventId == infeasible);
        Assert.Equal(DrStatus.Dispatched, south.Status);
        var southResult = Assert.Single(south.RegionPlans);
        Assert.True(southResult.AllocatedW.Average() <= 5_000 + 0.5, "one 5 kW battery never gets more than its rating");
        Assert.True(southResult.RequiredW.Average() - southResult.AllocatedW.Average() > 40_000, "the shortfall is reported");

        // Each VEN resource sees its own setpoint event, and only that one: -2 kW consumption = 2 kW discharge.
        venToken = await _vtn.Client.TokenAsync(_vtn.Ven1.ClientId, _vtn.Ven1.ClientSecret);
        var seen = (await _vtn.Client.OkAsync(HttpMethod.Get, "/events?targets=battery-0", "/events", venToken)).AsArray();
        var child = Assert.Single(seen)!;
        Assert.Equal($"openvpp-dispatch:{parent}:battery-0", child["eventName"]!.GetValue<string>());
        Assert.Equal(["battery-0"], child["targets"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.All(child["intervals"]!.AsArray(), i => Assert.Equal(-2.0, i!["payloads"]![0]!["values"]![0]!.GetValue<double>(), 3));

        // The batteries follow: 16:15 to 17:00 still idle, then 2 kW each through the event; meters fall to 1 kW.
        for (var at = EventStart.AddMinutes(-45); at < EventStart.AddHours(1); at += Interval)
        {
            var during = at >= EventStart;
            await IngestIntervalAsync(at, batteryW: during ? 2_000 : 0, soc: (ushort)(during ? 8_000 - (500 * (1 + ((at - EventStart) / Interval))) : 8_000), meterImportW: during ? 1_000 : 3_000);
        }

        _vtn.Time.SetUtcNow(EventStart.AddHours(1).AddMinutes(16));
        await service.TickAsync(default);
        north = service.Snapshot().Single(s => s.EventId == parent);
        Assert.Equal(DrStatus.Measured, north.Status);
        var result = north.Result!;
        Assert.Equal(4.0, result.RequestedKw, 3);
        Assert.Equal(4.0, result.DeliveredKw, 3);
        Assert.Equal(1.0, result.Performance, 3);
        Assert.Equal(0, result.LimitViolations);
        Assert.Equal(0, result.GridLimitExceededIntervals);
        Assert.Equal(0, result.MissingReadings);

        // The operator gets the measurement as an OpenADR report on its event.
        var token = await _vtn.Client.TokenAsync(_vtn.Operator.ClientId, _vtn.Operator.ClientSecret);
        var report = Assert.Single((await _vtn.Client.OkAsync(HttpMethod.Get, $"/reports?eventID={parent}", "/reports", token)).AsArray())!;
        var aggregate = report["resources"]!.AsArray().Single(r => r!["resourceName"]!.GetValue<string>() == "AGGREGATED_REPORT")!;
        Assert.All(aggregate["intervals"]!.AsArray(), i => Assert.Equal(-4.0, i!["payloads"]![0]!["values"]![0]!.GetValue<double>(), 3));
        var battery = report["resources"]!.AsArray().First(r => r!["resourceName"]!.GetValue<string>() == "battery-0")!;
        Assert.Equal(["BASELINE", "DELTA_USAGE"], battery["intervals"]![0]!["payloads"]!.AsArray().Select(p => p!["type"]!.GetValue<string>()));

        // A restart resumes from disk: the measured event and its result are still there.
        await _vtn.RestartAsync();
        var page = await _vtn.Node.GetAsync<JsonObject>("/v1/dr/events");
        var view = page["events"]!.AsArray().Single(e => e!["id"]!.GetValue<string>() == parent)!;
        Assert.Equal("Measured", view["status"]!.GetValue<string>());
        Assert.Equal(1.0, view["result"]!["performance"]!.GetValue<double>(), 3);
    }

    [Fact]
    public async Task An_event_the_fleet_cannot_measure_is_refused_with_a_reason()
    {
        await _vtn.Node.RegisterAsync(TestData.Registration(_southBattery, DeviceKind.Battery, 5_000, "nl-south", 10_000));
        var program = await _vtn.Client.OkAsync(HttpMethod.Post, "/programs", "/programs", _vtn.OperatorToken, new JsonObject { ["programName"] = "odd" }, HttpStatusCode.Created);
        var odd = await _vtn.Client.OkAsync(HttpMethod.Post, "/events", "/events", _vtn.OperatorToken, new JsonObject
        {
            ["programID"] = program["id"]!.GetValue<string>(),
            ["targets"] = new JsonArray("nl-south"),
            ["intervalPeriod"] = new JsonObject { ["start"] = "2026-12-06T17:07:00Z", ["duration"] = "PT10M" },
            ["intervals"] = new JsonArray(new JsonObject { ["id"] = 0, ["payloads"] = new JsonArray(new JsonObject { ["type"] = "DISPATCH_SETPOINT_RELATIVE", ["values"] = new JsonArray(-1) }) }),
        }, HttpStatusCode.Created);
        var service = _vtn.Node.App.Services.GetRequiredService<DemandResponseService>();

        await service.TickAsync(default);

        var state = service.Snapshot().Single(s => s.EventId == odd["id"]!.GetValue<string>());
        Assert.Equal(DrStatus.Refused, state.Status);
        Assert.Contains("reading grid", state.Refusal);
    }

    [Fact]
    public async Task An_event_for_a_region_the_registry_does_not_know_yet_is_scheduled_once_its_first_device_is_registered()
    {
        // On `up` the operator can publish before the chain indexer has seen the fleet's registrations.
        var program = await _vtn.Client.OkAsync(HttpMethod.Post, "/programs", "/programs", _vtn.OperatorToken, new JsonObject { ["programName"] = "early" }, HttpStatusCode.Created);
        var early = await CreateEventAsync(program["id"]!.GetValue<string>(), "nl-south", "DISPATCH_SETPOINT_RELATIVE", -1, 4);
        var service = _vtn.Node.App.Services.GetRequiredService<DemandResponseService>();
        _vtn.Time.SetUtcNow(EventStart.AddHours(-2));

        await service.TickAsync(default);
        Assert.DoesNotContain(service.Snapshot(), s => s.EventId == early);

        await _vtn.Node.RegisterAsync(TestData.Registration(_southBattery, DeviceKind.Battery, 5_000, "nl-south", 10_000));
        await service.TickAsync(default);

        var state = Assert.Single(service.Snapshot(), s => s.EventId == early);
        Assert.Equal(DrStatus.Scheduled, state.Status);
        Assert.Equal(["nl-south"], state.Regions);
    }

    [Fact]
    public async Task A_battery_that_under_delivers_is_held_there_and_the_rest_moves_to_the_other_battery()
    {
        await _vtn.Node.RegisterAsync([
            .. _batteries.Select(k => TestData.Registration(k, DeviceKind.Battery, 5_000, "nl-north", 10_000)),
            .. _meters.Select(k => TestData.Registration(k, DeviceKind.GridMeter, 17_000, "nl-north", 0)),
            TestData.Registration(_southBattery, DeviceKind.Battery, 5_000, "nl-south", 10_000)]);
        var venToken = await _vtn.Client.TokenAsync(_vtn.Ven1.ClientId, _vtn.Ven1.ClientSecret);
        var ven = await _vtn.Client.OkAsync(HttpMethod.Post, "/vens", "/vens", venToken, new JsonObject { ["objectType"] = "VEN_VEN_REQUEST", ["venName"] = "home-gateway" }, HttpStatusCode.Created);
        foreach (var (key, name) in _batteries.Select((k, i) => (k, $"battery-{i}")))
        {
            await _vtn.Client.OkAsync(HttpMethod.Post, "/resources", "/resources", venToken, new JsonObject
            {
                ["objectType"] = "VEN_RESOURCE_REQUEST",
                ["resourceName"] = name,
                ["venID"] = ven["id"]!.GetValue<string>(),
                ["attributes"] = new JsonArray(new JsonObject { ["type"] = "OPENVPP_DEVICE_ID", ["values"] = new JsonArray(key.Id.ToString()) }),
            }, HttpStatusCode.Created);
        }

        for (var at = EventStart.AddMinutes(-75); at < EventStart.AddMinutes(-45); at += Interval)
        {
            await IngestIntervalAsync(at, batteryW: 0, soc: 8_000, meterImportW: 3_000);
        }

        var operatorToken = await _vtn.Client.TokenAsync(_vtn.Operator.ClientId, _vtn.Operator.ClientSecret);
        var program = await _vtn.Client.OkAsync(HttpMethod.Post, "/programs", "/programs", operatorToken, new JsonObject { ["programName"] = "north-peak" }, HttpStatusCode.Created);
        var parent = await CreateEventAsync(program["id"]!.GetValue<string>(), "nl-north", "DISPATCH_SETPOINT_RELATIVE", -4, 4);
        var service = _vtn.Node.App.Services.GetRequiredService<DemandResponseService>();
        _vtn.Time.SetUtcNow(EventStart.AddMinutes(-30));
        await service.TickAsync(default);
        var lazy = _batteries[1].Id.ToString();

        // 16:15 to 17:15: idle before the event; in its first interval battery-0 gives its 2 kW, battery-1 nothing.
        for (var at = EventStart.AddMinutes(-45); at < EventStart.AddMinutes(15); at += Interval)
        {
            await IngestIntervalAsync(at, batteryW: 0, soc: 8_000, meterImportW: 3_000, deliveringW: at >= EventStart ? new Dictionary<DeviceId, int> { [_batteries[0].Id] = 2_000 } : null);
        }

        await service.TickAsync(default);
        var state = service.Snapshot().Single(s => s.EventId == parent);
        var observation = Assert.Single(state.Observations);
        Assert.Equal(lazy, observation.DeviceId);
        Assert.Equal(0, observation.DeliveredW, 1);

        // Interval 1 is already under way at 17:15 and stays as sent; from interval 2 battery-0 carries all 4 kW.
        var active = state.Devices.Single(d => d.DeviceId == _batteries[0].Id.ToString());
        var held = state.Devices.Single(d => d.DeviceId == lazy);
        Assert.Equal([2_000, 2_000, 4_000, 4_000], active.ExpectedW.Select(w => Math.Round(w)));
        Assert.Equal([2_000, 2_000, 0, 0], held.ExpectedW.Select(w => Math.Round(w)));
        Assert.All(state.RegionPlans[0].AllocatedW.Skip(2), w => Assert.Equal(4_000, w, 1));

        // The VEN sees the change on battery-0's event: -4 kW from 17:30.
        venToken = await _vtn.Client.TokenAsync(_vtn.Ven1.ClientId, _vtn.Ven1.ClientSecret);
        var child = Assert.Single((await _vtn.Client.OkAsync(HttpMethod.Get, "/events?targets=battery-0", "/events", venToken)).AsArray())!;
        Assert.Equal([-2.0, -2.0, -4.0, -4.0], child["intervals"]!.AsArray().Select(i => i!["payloads"]![0]!["values"]![0]!.GetValue<double>()));
        var heldChild = Assert.Single((await _vtn.Client.OkAsync(HttpMethod.Get, "/events?targets=battery-1", "/events", venToken)).AsArray())!;
        Assert.Equal(2, heldChild["intervals"]!.AsArray().Count);
    }

    private async Task<string> CreateEventAsync(string programId, string region, string type, double valueKw, int intervals)
    {
        var token = await _vtn.Client.TokenAsync(_vtn.Operator.ClientId, _vtn.Operator.ClientSecret);
        var ev = await _vtn.Client.OkAsync(HttpMethod.Post, "/events", "/events", token, new JsonObject
        {
            ["programID"] = programId,
            ["eventName"] = $"{region} peak",
            ["targets"] = new JsonArray(region),
            ["payloadDescriptors"] = new JsonArray(new JsonObject { ["objectType"] = "EVENT_PAYLOAD_DESCRIPTOR", ["payloadType"] = type, ["units"] = "KW" }),
            ["intervalPeriod"] = new JsonObject { ["start"] = "2026-12-06T17:00:00Z", ["duration"] = "PT15M" },
            ["intervals"] = new JsonArray([.. Enumerable.Range(0, intervals).Select(i => (JsonNode)new JsonObject
            {
                ["id"] = i,
                ["payloads"] = new JsonArray(new JsonObject { ["type"] = type, ["values"] = new JsonArray(valueKw) }),
            })]),
        }, HttpStatusCode.Created);
        return ev["id"]!.GetValue<string>();
    }

    /// <summary>Signs and ingests one interval for every device, moving the clock to the interval's end first.</summary>
    private async Task IngestIntervalAsync(DateTimeOffset at, int batteryW, ushort soc, int meterImportW, Dictionary<DeviceId, int>? deliveringW = null)
    {
        _vtn.Time.SetUtcNow(at + Interval);
        var readings = new List<string>();
        foreach (var key in _batteries.Append(_southBattery))
        {
            var w = deliveringW?.GetValueOrDefault(key.Id, 0) ?? batteryW;
            var wh = w / 4;
            readings.Add(TestData.Sign(key, new Reading(key.Id, Next(key.Id), at, at + Interval, 0, wh, w, Math.Max(w, 1), key == _southBattery ? (ushort)8_000 : soc, 10_000, ReadingStatus.None)));
        }

        foreach (var key in _meters)
        {
            readings.Add(TestData.Sign(key, new Reading(key.Id, Next(key.Id), at, at + Interval, meterImportW / 4, 0, -meterImportW, meterImportW, null, null, ReadingStatus.None)));
        }

        var answer = await _vtn.Node.IngestAsync([.. readings]);
        Assert.Equal(readings.Count, answer.Accepted);
    }

    private ulong Next(DeviceId id) => _sequence[id] = _sequence.GetValueOrDefault(id) + 1;
}
