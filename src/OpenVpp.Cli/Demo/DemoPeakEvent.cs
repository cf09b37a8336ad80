using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using OpenVpp.Cli.Operators;
using OpenVpp.Core.DemandResponse.Dispatch;
using OpenVpp.Node.OpenAdr;
using OpenVpp.Storage.OpenAdr;

namespace OpenVpp.Cli.Demo;

/// <summary>
/// The peak-event scenario: a utility operator that knows only OpenADR 3.1 publishes an evening program with two
/// events from 17:00 to 19:00 UTC on the demo's summer day: on NL-NH an import limit (a reduction instead while the
/// region still exports at publishing time, when a limit under its import would ask nothing), and on NL-NB a
/// reduction. Each is sized at half of what its region's batteries can hold for the two hours (from their latest
/// signed readings), so it is feasible. (A winter day does not work: the simulated self-consumption batteries sit at
/// their reserve all day.) The
/// gateway is the node's VEN; the node dispatches, measures and reports; this class collects the outcome.
/// </summary>
internal sealed class DemoPeakEvent
{
    public const string Name = "peak-event";
    private const double ShareOfHeadroom = 0.5;
    private const double ReserveFraction = 0.20;
    private readonly DemoOperator _operator;
    private readonly HttpClient _http;
    private readonly string _nodeUrl;
    private readonly List<(string Id, string Kind, string Region)> _events = [];

    private DemoPeakEvent(HttpClient http, string nodeUrl, OperatorCredentialsDocument credentials, DateTimeOffset day, TimeSpan epochLength)
    {
        EpochLength = epochLength;
        _http = http;
        _nodeUrl = nodeUrl;
        _operator = new DemoOperator(http, credentials.VtnUrl, credentials.ClientId, credentials.ClientSecret);
        EventStart = day.Date.AddHours(17);
    }

    public DateTimeOffset EventStart { get; }

    private TimeSpan EpochLength { get; }

    public DateTimeOffset EventEnd => EventStart.AddHours(2);

    /// <summary>Events are published a little before the node's 30-minute dispatch lead, once 16:00–16:15 is metered.</summary>
    public DateTimeOffset PublishAt => EventStart.AddMinutes(-40);

    public bool Published { get; private set; }

    /// <summary>
    /// Creates the operator's and the gateway's OpenADR clients in the node's store before the node starts, writes
    /// their credential files (mode 0600), and returns the scenario with the gateway's extra arguments.
    /// </summary>
    public static (DemoPeakEvent Scenario, string[] GatewayArguments) Prepare(HttpClient http, string dataDir, string nodeDir, string gatewayDir, string nodeUrl, DateTimeOffset day, TimeSpan epochLength, TimeSpan venPoll)
    {
        Directory.CreateDirectory(nodeDir);
        Directory.CreateDirectory(gatewayDir);
        var auth = new OpenAdrAuth(new SqliteOpenAdrStore(nodeDir), TimeProvider.System);
        var op = OperatorCredentials.Ensure(Path.Combine(dataDir, OperatorCredentials.FileName), auth, nodeUrl);
        var venFile = Path.Combine(gatewayDir, OperatorCredentials.VenFileName);
        OperatorCredentials.Ensure(venFile, auth, nodeUrl, OpenAdrRole.Ven);
        SqliteConnection.ClearAllPools();
        string[] arguments = ["--ven-credentials", venFile, "--ven-name", "demo-gateway", "--ven-poll", ((long)venPoll.TotalSeconds).ToString(CultureInfo.InvariantCulture) + "s", "--ven-callback", "http://127.0.0.1:0"];
        return (new DemoPeakEvent(http, nodeUrl, op, day, epochLength), arguments);
    }

    /// <summary>Publishes the program and both events, each sized from its region's battery headroom now.</summary>
    public async Task PublishAsync(DateTimeOffset now, Action<string> progress, CancellationToken cancel)
    {
        Published = true;
        var program = await _operator.SendAsync(HttpMethod.Post, "/programs", new JsonObject
        {
            ["programName"] = $"evening-peak-{EventStart:yyyy-MM-dd}",
        }, HttpStatusCode.Created, cancel).ConfigureAwait(false);
        var programId = program["id"]!.GetValue<string>();
        foreach (var (region, wanted) in new[] { ("NL-NH", DispatchTargetKind.ImportLimit), ("NL-NB", DispatchTargetKind.Reduction) })
        {
            var kind = wanted;
            var headroomW = await BatteryHeadroomW(region, now, cancel).ConfigureAwait(false);
            var flexibilityW = Math.Round(headroomW * ShareOfHeadroom / 100) * 100;
            if (flexibilityW <= 0)
            {
                progress($"no battery headroom in {region}; no event there");
                continue;
            }

            var netImportW = await NetImportW(region, now, cancel).ConfigureAwait(false);
            if (kind == DispatchTargetKind.ImportLimit && netImportW < flexibilityW)
            {
                kind = DispatchTargetKind.Reduction;
            }

            var (type, valueKw, what) = kind == DispatchTargetKind.ImportLimit
                ? ("IMPORT_CAPACITY_LIMIT", (netImportW - flexibilityW) / 1_000, $"import limit {(netImportW - flexibilityW) / 1_000:0.0} kW (metered {netImportW / 1_000:0.0} kW)")
                : ("DISPATCH_SETPOINT_RELATIVE", -flexibilityW / 1_000, $"a reduction of {flexibilityW / 1_000:0.0} kW (metered import {netImportW / 1_000:0.0} kW)");
            var ev = await _operator.SendAsync(HttpMethod.Post, "/events", Event(programId, region, type, valueKw), HttpStatusCode.Created, cancel).ConfigureAwait(false);
            var id = ev["id"]!.GetValue<string>();
            _events.Add((id, kind.ToString(), region));
            progress($"operator published {id} on {region}: {what}, {EventStart:HH:mm}–{EventEnd:HH:mm} UTC");
        }
    }

    /// <summary>Waits until the node has measured every published event, then returns the outcome as the report shows it.</summary>
    public async Task<DemoDemandResponse> CollectAsync(TimeSpan timeout, CancellationToken cancel)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            using var response = await _http.GetAsync(new Uri(_nodeUrl + "/v1/dr/events"), cancel).ConfigureAwait(false);
            var page = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancel).ConfigureAwait(false))!;
            var views = (page["events"] as JsonArray ?? []).OfType<JsonObject>().ToDictionary(e => e["id"]!.GetValue<string>());
            var ours = _events.Select(e => (e, View: views.GetValueOrDefault(e.Id))).ToList();
            var done = ours.All(o => o.View?["status"]?.GetValue<string>() is "Measured" or "Refused" or "Cancelled");
            if (done || DateTime.UtcNow > deadline)
            {
                var events = new List<DemoDrEvent>();
                foreach (var (e, view) in ours)
                {
                    events.Add(Describe(e.Id, e.Kind, e.Region, view) with { RewardedFlexibilityWh = await RewardedWhAsync(e.Id, view, cancel).ConfigureAwait(false) });
                }

                return new DemoDemandResponse(events);
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), cancel).ConfigureAwait(false);
        }
    }

    /// <summary>The flexibility Wh the rewards oracle credited for the event, from the published rewards document of its settlement epoch.</summary>
    private async Task<long> RewardedWhAsync(string eventId, JsonObject? view, CancellationToken cancel)
    {
        if (view?["settles_at"]?.GetValue<DateTimeOffset>() is not { } settles)
        {
            return 0;
        }

        var epoch = (long)Math.Floor((settles - DemoSettings.Origin) / EpochLength);
        using var response = await _http.GetAsync(new Uri($"{_nodeUrl}/v1/epochs/{epoch}/rewards"), cancel).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            return 0;
        }

        var document = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancel).ConfigureAwait(false))!;
        return (document["flexibility"] as JsonArray ?? []).OfType<JsonObject>()
            .Where(c => c["event_id"]?.GetValue<string>() == eventId)
            .Sum(c => c["wh"]!.GetValue<long>());
    }

    private static DemoDrEvent Describe(string id, string kind, string region, JsonObject? view)
    {
        var result = view?["result"];
        double Number(JsonNode? node, string name) => node?[name]?.GetValue<double>() ?? 0;
        int Count(JsonNode? node, string name) => node?[name]?.GetValue<int>() ?? 0;
        return new DemoDrEvent(
            id,
            kind,
            region,
            view?["status"]?.GetValue<string>() ?? "Unseen",
            Number(result, "requested_kw"),
            Number(result, "delivered_kw"),
            Number(result, "performance"),
            Count(result, "devices"),
            Count(result, "limit_violations"),
            Number(result, "shortfall_kw"),
            Count(result, "grid_limit_exceeded_intervals"),
            Count(result, "missing_readings"),
            view?["refusal"]?.GetValue<string>());
    }

    /// <summary>The region's metered net import in its latest complete interval, W (what the node forecasts from).</summary>
    private async Task<double> NetImportW(string region, DateTimeOffset now, CancellationToken cancel)
    {
        var totals = await GetAsync($"/v1/regions/{region}/totals?from={Iso(now.AddHours(-1))}&to={Iso(now)}", cancel).ConfigureAwait(false);
        var latest = (totals["intervals"] as JsonArray ?? []).OfType<JsonObject>()
            .Where(i => DateTimeOffset.Parse(i["interval_start"]!.GetValue<string>(), CultureInfo.InvariantCulture) + TimeSpan.FromMinutes(15) <= now)
            .LastOrDefault();
        var meter = (latest?["by_kind"] as JsonArray ?? []).OfType<JsonObject>().FirstOrDefault(k => k["kind"]?.GetValue<string>() == "grid_meter");
        return meter is null ? 0 : Math.Round((meter["energy_imported_wh"]!.GetValue<long>() - meter["energy_exported_wh"]!.GetValue<long>()) * 4.0 / 100) * 100;
    }

    /// <summary>What the region's batteries can deliver over the event, as the node's dispatcher counts it.</summary>
    private async Task<double> BatteryHeadroomW(string region, DateTimeOffset now, CancellationToken cancel)
    {
        var devices = await GetAsync($"/v1/devices?region={region}&kind=battery&limit=1000", cancel).ConfigureAwait(false);
        var window = new DispatchWindow(EventStart, EventEnd);
        var total = 0.0;
        foreach (var device in (devices["items"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var id = device["device_id"]!.GetValue<string>();
            var readings = await GetAsync($"/v1/devices/{id}/readings?from={Iso(now.AddHours(-1))}&to={Iso(now)}", cancel).ConfigureAwait(false);
            if ((readings["items"] as JsonArray ?? []).OfType<JsonObject>().LastOrDefault() is not { } reading || reading["state_of_charge_bp"] is null)
            {
                continue;
            }

            var nameplateW = device["nameplate_power_w"]!.GetValue<long>();
            var usableWh = device["capacity_wh"]!.GetValue<long>() * ((reading["state_of_health_bp"]?.GetValue<int>() ?? 10_000) / 10_000.0);
            var storedWh = usableWh * reading["state_of_charge_bp"]!.GetValue<int>() / 10_000.0;
            var battery = FlexibleDevice.Battery(0, 0, nameplateW, nameplateW, reading["average_power_w"]!.GetValue<int>(), storedWh, usableWh * ReserveFraction, usableWh);
            total += Headroom.W(battery, moreDelivery: true, window);
        }

        return total;
    }

    private JsonObject Event(string programId, string region, string type, double valueKw) => new()
    {
        ["programID"] = programId,
        ["eventName"] = $"{region} evening peak",
        ["targets"] = new JsonArray(region),
        ["payloadDescriptors"] = new JsonArray(new JsonObject { ["objectType"] = "EVENT_PAYLOAD_DESCRIPTOR", ["payloadType"] = type, ["units"] = "KW" }),
        ["intervalPeriod"] = new JsonObject { ["start"] = EventStart.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture), ["duration"] = "PT15M" },
        ["intervals"] = new JsonArray([.. Enumerable.Range(0, 8).Select(i => (JsonNode)new JsonObject
        {
            ["id"] = i,
            ["payloads"] = new JsonArray(new JsonObject { ["type"] = type, ["values"] = new JsonArray(Math.Round(valueKw, 3)) }),
        })]),
    };

    private async Task<JsonNode> GetAsync(string path, CancellationToken cancel)
    {
        using var response = await _http.GetAsync(new Uri(_nodeUrl + path), cancel).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancel).ConfigureAwait(false);
        return response.IsSuccessStatusCode ? JsonNode.Parse(text)! : throw new InvalidOperationException($"GET {path} answered {(int)response.StatusCode}: {text}");
    }

    // For query strings.
    private static string Iso(DateTimeOffset instant) => Uri.EscapeDataString(instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
}
