using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using OpenVpp.Cli.Hosting;

namespace OpenVpp.IntegrationTests;

/// <summary>
/// The "done when": a gateway runs a mixed config (OCPP + SunSpec + P1 + MQTT + simulated devices) into a node.
/// Three processes, as an installer would run them: a node, `openvpp peers` (a simulated home behind npm ocpp-rpc,
/// npm modbus-serial, DSMR over TCP and MQTT), and `openvpp gateway --config`.
/// </summary>
public sealed class MixedGatewayConfigTests : IAsyncLifetime
{
    private static readonly string[] LiveDevices = ["home-1/meter", "home-1/pv", "home-1/battery", "home-1/charger", "home-1/load"];

    private readonly string _dir = Path.Combine(Path.GetTempPath(), $"openvpp-mixed-{Guid.NewGuid():N}");
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private readonly List<ChildProcess> _children = [];

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(_dir);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        foreach (var child in _children)
        {
            await child.DisposeAsync();
        }

        _http.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task A_gateway_reads_every_protocol_into_the_node_and_rides_out_the_devices_disappearing()
    {
        var nodePort = FreePort.Next();
        var config = Path.Combine(_dir, "gateway.yaml");
        await File.WriteAllTextAsync(config, Config(nodePort, FreePort.Next(), FreePort.Next(), FreePort.Next(), FreePort.Next()));
        var node = new Uri($"http://127.0.0.1:{nodePort}/");
        _http.BaseAddress = node;

        Start("node", "node", "--data", Path.Combine(_dir, "node"), "--url", node.ToString().TrimEnd('/'));
        var peers = Start("peers", "peers", "--config", config, "--step", "1s");
        var gateway = Start("gateway", "gateway", "--config", config);

        // Every live device and the simulated homes deliver readings, and the node rejects none.
        var ids = await DeviceIdsAsync();
        await WaitAsync(async () => (await CountsAsync(ids)).Values.All(c => c >= 2), TimeSpan.FromSeconds(90), "every device has 2 readings");
        Assert.Equal(LiveDevices.Length + 4, ids.Count);
        var stats = await _http.GetFromJsonAsync<JsonElement>("v1/stats");
        Assert.All(stats.GetProperty("rejected").EnumerateObject(), r => Assert.Equal(0, r.Value.GetInt64()));

        // The household always draws something (whole Wh: it takes a few intervals to show), and only imports;
        // the battery reports its state of charge.
        await WaitAsync(
            async () => (await ReadingsAsync(ids["home-1/load"])).Any(r => r.GetProperty("energy_imported_wh").GetInt64() > 0),
            TimeSpan.FromSeconds(60),
            "the household load imports energy");
        Assert.All(await ReadingsAsync(ids["home-1/load"]), r => Assert.Equal(0, r.GetProperty("energy_exported_wh").GetInt64()));
        Assert.Contains(await ReadingsAsync(ids["home-1/battery"]), r => r.GetProperty("state_of_charge_bp").ValueKind == JsonValueKind.Number);

        // The devices disappear: the gateway marks them offline and keeps running (the simulated homes go on).
        var linesBefore = File.ReadLines(Log("gateway")).Count();
        await peers.StopAsync(TimeSpan.FromSeconds(15));
        foreach (var device in new[] { "home-1/meter (p1", "home-1/pv (sunspec", "home-1/charger (ocpp", "home-1/load (mqtt" })
        {
            await WaitAsync(
                () => Task.FromResult(File.ReadLines(Log("gateway")).Skip(linesBefore)
                    .Any(l => l.Contains($"Device {device}", StringComparison.Ordinal) && l.Contains("is offline", StringComparison.Ordinal))),
                TimeSpan.FromSeconds(60),
                $"{device} is reported offline");
        }

        Assert.False(gateway.HasExited);

        // They come back: readings resume for every live device.
        var before = await CountsAsync(ids);
        Start("peers-again", "peers", "--config", config, "--step", "1s");
        await WaitAsync(
            async () =>
            {
                var now = await CountsAsync(ids);
                return LiveDevices.All(d => now[d] >= before[d] + 2);
            },
            TimeSpan.FromSeconds(90),
            "readings resume after the devices come back");
        Assert.False(gateway.HasExited);
    }

    private static string Config(int nodePort, int ocppPort, int mqttPort, int modbusPort, int p1Port) => string.Create(CultureInfo.InvariantCulture, $$"""
        gateway:
          node: http://127.0.0.1:{{nodePort}}
          interval: 2s
          region: NL-NH
          site: home-1
        simulator:
          devices: 4
        ocpp:
          port: {{ocppPort}}
        mqtt:
          port: {{mqttPort}}
          gateway_name: test-gateway
        devices:
          - { name: home-1/meter, adapter: p1, host: 127.0.0.1, port: {{p1Port}}, nameplate_w: 17250, offline_after: 3s }
          - { name: home-1/pv, adapter: sunspec, host: 127.0.0.1, port: {{modbusPort}}, unit: 1, poll: 1s, nameplate_w: 10000 }
          - { name: home-1/battery, adapter: sunspec, kind: battery, host: 127.0.0.1, port: {{modbusPort}}, unit: 2, poll: 1s, nameplate_w: 10000, capacity_wh: 20000 }
          - { name: home-1/charger, adapter: ocpp, station_id: CP-TEST, nameplate_w: 22000, password: "CP-TEST-password-123" }
          - name: home-1/load
            adapter: mqtt
            preset: tasmota-energy
            preset_args: { topic: home-1-load }
            nameplate_w: 17250
            offline_after: 5s
        """);

    private ChildProcess Start(string name, params string[] args)
    {
        var child = ChildProcess.Start(name, args.Concat(name.StartsWith("gateway", StringComparison.Ordinal) ? ["--data", Path.Combine(_dir, "gateway")] : []), Log(name));
        _children.Add(child);
        return child;
    }

    private string Log(string name) => Path.Combine(_dir, $"{name}.log");

    private async Task<Dictionary<string, string>> DeviceIdsAsync()
    {
        var keystore = Path.Combine(_dir, "gateway", "keystore.json");
        await WaitAsync(() => Task.FromResult(File.Exists(keystore)), TimeSpan.FromSeconds(60), "the gateway creates its keystore");
        using var doc = JsonDocument.Parse(await File.ReadAllTextAsync(keystore));
        return doc.RootElement.GetProperty("devices").EnumerateArray()
            .ToDictionary(d => d.GetProperty("name").GetString()!, d => d.GetProperty("device_id").GetString()!, StringComparer.Ordinal);
    }

    private async Task<Dictionary<string, int>> CountsAsync(Dictionary<string, string> ids)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (name, id) in ids)
        {
            counts[name] = (await ReadingsAsync(id)).Count;
        }

        return counts;
    }

    private async Task<List<JsonElement>> ReadingsAsync(string deviceId)
    {
        using var response = await _http.GetAsync(new Uri($"v1/devices/{deviceId}/readings?from=2000-01-01T00:00:00Z&to=2100-01-01T00:00:00Z&limit=10000", UriKind.Relative));
        if (!response.IsSuccessStatusCode)
        {
            return [];
        }

        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return [.. body.GetProperty("items").EnumerateArray().Select(r => r.Clone())];
    }

    private async Task WaitAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                if (await condition())
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // The node is not up yet.
            }

            if (DateTime.UtcNow > deadline)
            {
                var logs = string.Join("\n", _children.Select(c => $"--- {c.Name}\n{Tail(Log(c.Name))}"));
                Assert.Fail($"Timed out waiting until {what}.\n{logs}");
            }

            await Task.Delay(250);
        }
    }

    private static string Tail(string path) =>
        File.Exists(path) ? string.Join("\n", File.ReadLines(path).TakeLast(25)) : "(no log)";
}
