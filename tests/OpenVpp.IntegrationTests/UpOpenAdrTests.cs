using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using OpenVpp.Cli.Commands;
using OpenVpp.Cli.Hosting;
using OpenVpp.Node.OpenAdr;
using Xunit.Abstractions;

namespace OpenVpp.IntegrationTests;

/// <summary>
/// The issue's "done when": on `openvpp up`, a client that knows only OpenADR 3.1 takes the operator credentials
/// file, gets a token and publishes a program and an event; the fleet responds; the node measures the delivery,
/// reports it back through OpenADR, and the rewards oracle credits it. Every OpenADR answer is checked against the
/// OpenAPI document. The fleet meters every 15 s and epochs are 30 s, so the round trip takes about three minutes.
/// </summary>
public sealed class UpOpenAdrTests(ITestOutputHelper log) : IDisposable
{
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan EpochLength = TimeSpan.FromSeconds(30);
    private readonly string _data = Path.Combine(Path.GetTempPath(), "openvpp-up-" + Guid.NewGuid().ToString("N")[..8]);

    public void Dispose()
    {
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public async Task An_openadr_client_publishes_an_event_on_up_and_the_fleet_delivers_it_is_measured_reported_and_rewarded()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(8));
        using var output = new StringWriter();
        using var error = new StringWriter();
        var port = FreePort.Next();
        var node = $"http://127.0.0.1:{port}";
        var up = CliRunner.RunLiveAsync(
            TextWriter.Synchronized(output), TextWriter.Synchronized(error), stop.Token,
            "up", "--data", _data, "--port", port.ToString(CultureInfo.InvariantCulture), "--devices", "20",
            "--interval", "15s", "--epoch-length", "30s", "--dr-lead", "15s");
        while (!output.ToString().Contains("OpenVPP is running", StringComparison.Ordinal))
        {
            Assert.False(up.IsCompleted, $"up stopped early: {output}\n{error}");
            await Task.Delay(250, stop.Token);
        }

        Assert.Contains("OpenADR VTN", output.ToString(), StringComparison.Ordinal);

        // The operator: only the credentials file and the OpenADR 3.1 API.
        var file = Path.Combine(_data, "operator-credentials.json");
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        }

        var credentials = JsonNode.Parse(await File.ReadAllTextAsync(file, stop.Token))!;
        var vtn = credentials["vtn_url"]!.GetValue<string>();
        Assert.Equal($"{node}/openadr3/3.1.0", vtn);
        using var http = new HttpClient();
        using var tokenResponse = await http.PostAsync(new Uri(credentials["token_url"]!.GetValue<string>()), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = credentials["client_id"]!.GetValue<string>(),
            ["client_secret"] = credentials["client_secret"]!.GetValue<string>(),
        }), stop.Token);
        var token = (await Checked(tokenResponse, "/auth/token", "post", HttpStatusCode.OK))["access_token"]!.GetValue<string>();
        using var operatorHttp = new HttpClient();
        operatorHttp.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        // The MQTT notifier's broker sits beside the API, on the next port.
        var notifiers = await Checked(await operatorHttp.GetAsync(new Uri(vtn + "/notifiers"), stop.Token), "/notifiers", "get", HttpStatusCode.OK);
        Assert.Equal($"mqtt://127.0.0.1:{port + 1}", notifiers["MQTT"]!["URIS"]![0]!.GetValue<string>());

        // A reduction of 1 kW in NL-NH over four metering intervals, starting a little after the dispatch lead.
        var start = Floor(DateTimeOffset.UtcNow, Step) + (Step * 4);
        var program = await Checked(
            await operatorHttp.PostAsync(new Uri(vtn + "/programs"), Json("""{"programName": "up-evening-peak"}"""), stop.Token),
            "/programs", "post", HttpStatusCode.Created);
        var ev = await Checked(
            await operatorHttp.PostAsync(new Uri(vtn + "/events"), Json($$"""
                {"programID": "{{program["id"]}}", "targets": ["NL-NH"],
                 "intervalPeriod": {"start": "{{start.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'}}", "duration": "PT15S"},
                 "payloadDescriptors": [{"objectType": "EVENT_PAYLOAD_DESCRIPTOR", "payloadType": "DISPATCH_SETPOINT_RELATIVE", "units": "KW"}],
                 "intervals": [{{string.Join(", ", Enumerable.Range(0, 4).Select(i => $$"""{"id": {{i}}, "payloads": [{"type": "DISPATCH_SETPOINT_RELATIVE", "values": [-1.0]}]}"""))}}]}
                """), stop.Token),
            "/events", "post", HttpStatusCode.Created);
        var eventId = ev["id"]!.GetValue<string>();
        var listed = await Checked(await operatorHttp.GetAsync(new Uri($"{vtn}/events?programID={program["id"]}"), stop.Token), "/events", "get", HttpStatusCode.OK);
        Assert.Equal(eventId, Assert.Single(listed.AsArray())!["id"]!.GetValue<string>());

        // The node measures the event once the fleet's readings for its last interval are in.
        JsonNode view;
        while (true)
        {
            Assert.False(up.IsCompleted, $"up stopped: {output}\n{error}");
            using (var response = await http.GetAsync(new Uri($"{node}/v1/dr/events/{eventId}"), stop.Token))
            {
                // 404 until the node's DR service has taken the event from the VTN's change feed.
                if (response.StatusCode == HttpStatusCode.NotFound)
                {
                    await Task.Delay(250, stop.Token);
                    continue;
                }

                view = JsonNode.Parse(await response.EnsureSuccessStatusCode().Content.ReadAsStringAsync(stop.Token))!;
            }

            var status = view["status"]!.GetValue<string>();
            Assert.True(status is "Scheduled" or "Dispatched" or "Measured", $"event {eventId} is {status}: {view["refusal"]}");
            if (status == "Measured")
            {
                break;
            }

            await Task.Delay(1_000, stop.Token);
        }

        log.WriteLine(view.ToJsonString());
        var result = view["result"]!;
        Assert.True(result["devices"]!.GetValue<int>() > 0, view.ToJsonString());
        Assert.Equal(0, result["limit_violations"]!.GetValue<int>());
        Assert.Equal(1.0, result["requested_kw"]!.GetValue<double>(), 3);
        // 15-s intervals meter whole Wh, 240 W a step per device, so the band is wider than the demo's 0.9–1.1.
        var performance = result["performance"]!.GetValue<double>();
        Assert.InRange(performance, 0.75, 1.25);

        // Back to the operator as an OpenADR report on its event, with the fleet's delivery as a reduction.
        var reports = await Checked(await operatorHttp.GetAsync(new Uri($"{vtn}/reports?eventID={eventId}"), stop.Token), "/reports", "get", HttpStatusCode.OK);
        var report = Assert.Single(reports.AsArray())!;
        var aggregate = report["resources"]!.AsArray().Single(r => r!["resourceName"]!.GetValue<string>() == "AGGREGATED_REPORT")!;
        var deltas = aggregate["intervals"]!.AsArray().Select(i => i!["payloads"]![0]!["values"]![0]!.GetValue<double>()).ToList();
        Assert.Equal(4, deltas.Count);
        Assert.All(deltas, d => Assert.True(d < 0, $"delta usage {d} kW is not a reduction"));

        // And the rewards oracle credits it in the epoch holding the event's settlement time.
        var settles = view["settles_at"]!.GetValue<DateTimeOffset>();
        var epoch = (long)Math.Floor((settles - NodeCommand.DefaultGenesis) / EpochLength);
        long rewardedWh;
        while (true)
        {
            Assert.False(up.IsCompleted, $"up stopped: {output}\n{error}");
            using var response = await http.GetAsync(new Uri($"{node}/v1/epochs/{epoch}/rewards"), stop.Token);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                var document = JsonNode.Parse(await response.Content.ReadAsStringAsync(stop.Token))!;
                rewardedWh = (document["flexibility"] as JsonArray ?? []).Where(c => c!["event_id"]!.GetValue<string>() == eventId).Sum(c => c!["wh"]!.GetValue<long>());
                break;
            }

            await Task.Delay(1_000, stop.Token);
        }

        // 1 kW for one minute is about 17 Wh; the credit is delivered Wh × performance.
        log.WriteLine($"rewarded {rewardedWh} Wh in epoch {epoch}");
        Assert.InRange(rewardedWh, 10, 25);

        // Ctrl-C stops everything up started, cleanly.
        await stop.CancelAsync();
        Assert.Equal(0, await up);
        Assert.Contains("Stopped.", output.ToString(), StringComparison.Ordinal);
    }

    private static DateTimeOffset Floor(DateTimeOffset instant, TimeSpan step) => new(instant.UtcTicks - (instant.UtcTicks % step.Ticks), TimeSpan.Zero);

    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    private static async Task<JsonNode> Checked(HttpResponseMessage response, string template, string method, HttpStatusCode expected)
    {
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == expected, $"{method} {template}: {(int)response.StatusCode} {text}");
            var schema = OpenAdrDocument.Instance.ResponseSchema(template, method, (int)response.StatusCode);
            Assert.NotNull(schema);
            var body = JsonNode.Parse(text)!;
            Assert.Empty(OpenAdrDocument.Validate(schema, body));
            return body;
        }
    }
}
