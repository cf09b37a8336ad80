using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using OpenVpp.Cli.Hosting;
using OpenVpp.Node.OpenAdr;

namespace OpenVpp.IntegrationTests;

/// <summary>
/// The issue's "done when", first half: on `openvpp up`, a client that knows only the OpenADR 3.1 specification
/// takes the operator credentials file, gets a token and creates a program and an event. Every answer is checked
/// against the OpenAPI document.
/// </summary>
public sealed class UpOpenAdrTests : IDisposable
{
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
    public async Task An_openadr_client_creates_a_program_and_an_event_with_the_credentials_up_writes()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        using var output = new StringWriter();
        using var error = new StringWriter();
        var port = FreePort.Next();
        var up = CliRunner.RunLiveAsync(TextWriter.Synchronized(output), TextWriter.Synchronized(error), stop.Token, "up", "--data", _data, "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--devices", "4");

        var file = Path.Combine(_data, "operator-credentials.json");
        while (!File.Exists(file))
        {
            Assert.False(up.IsCompleted, $"up stopped early: {error}");
            await Task.Delay(250, stop.Token);
        }

        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        }
        var credentials = JsonNode.Parse(await File.ReadAllTextAsync(file, stop.Token))!;
        var vtn = credentials["vtn_url"]!.GetValue<string>();
        Assert.Equal($"http://127.0.0.1:{port}/openadr3/3.1.0", vtn);

        using var http = new HttpClient();
        using var tokenResponse = await http.PostAsync(new Uri(credentials["token_url"]!.GetValue<string>()), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = credentials["client_id"]!.GetValue<string>(),
            ["client_secret"] = credentials["client_secret"]!.GetValue<string>(),
        }), stop.Token);
        var token = (await Checked(tokenResponse, "/auth/token", "post", HttpStatusCode.OK))["access_token"]!.GetValue<string>();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        // The MQTT notifier's broker sits beside the API, on the next port.
        var notifiers = await Checked(await http.GetAsync(new Uri(vtn + "/notifiers"), stop.Token), "/notifiers", "get", HttpStatusCode.OK);
        Assert.Equal($"mqtt://127.0.0.1:{port + 1}", notifiers["MQTT"]!["URIS"]![0]!.GetValue<string>());

        var program = await Checked(
            await http.PostAsync(new Uri(vtn + "/programs"), Json("""{"programName": "evening-peak", "targets": ["NL-NH"]}"""), stop.Token),
            "/programs", "post", HttpStatusCode.Created);
        var ev = await Checked(
            await http.PostAsync(new Uri(vtn + "/events"), Json($$"""
                {"programID": "{{program["id"]}}", "targets": ["NL-NH"],
                 "intervalPeriod": {"start": "2026-12-06T17:00:00Z", "duration": "PT1H"},
                 "payloadDescriptors": [{"objectType": "EVENT_PAYLOAD_DESCRIPTOR", "payloadType": "IMPORT_CAPACITY_LIMIT", "units": "KW"}],
                 "intervals": [{"id": 0, "payloads": [{"type": "IMPORT_CAPACITY_LIMIT", "values": [40]}]},
                               {"id": 1, "payloads": [{"type": "IMPORT_CAPACITY_LIMIT", "values": [35.5]}]}]}
                """), stop.Token),
            "/events", "post", HttpStatusCode.Created);
        var listed = await Checked(await http.GetAsync(new Uri($"{vtn}/events?programID={program["id"]}"), stop.Token), "/events", "get", HttpStatusCode.OK);

        Assert.Equal("EVENT", ev["objectType"]!.GetValue<string>());
        Assert.Equal(ev["id"]!.GetValue<string>(), Assert.Single(listed.AsArray())!["id"]!.GetValue<string>());

        // Stop once start-up is over (Ctrl-C during start-up is exit 130, as for any interrupted command).
        while (!output.ToString().Contains("OpenVPP is running", StringComparison.Ordinal))
        {
            Assert.False(up.IsCompleted, $"up stopped early: {error}");
            await Task.Delay(250, stop.Token);
        }

        await stop.CancelAsync();
        Assert.Equal(0, await up);
        Assert.Contains("OpenADR VTN", output.ToString(), StringComparison.Ordinal);
    }

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
