using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using OpenVpp.Core.Devices;
using OpenVpp.Core.Wire;

namespace OpenVpp.Cli.Bench;

/// <summary>
/// The load-generating side of `openvpp bench ingest`, run as its own process so its work is not charged to the
/// node: registers devices, signs every batch, prints "ready", waits for "go" on stdin, then sends and times.
/// </summary>
internal static class LoadGenerator
{
    public static async Task<int> RunAsync(string nodeUrl, int readings, int devices, int batchSize, int lanes, CancellationToken cancel)
    {
        using var http = new HttpClient { BaseAddress = new Uri(nodeUrl), Timeout = TimeSpan.FromMinutes(5) };
        var now = DateTimeOffset.UtcNow;
        var plan = LoadPlan.Create(readings, devices, batchSize, lanes, now);

        // A separate fleet warms the node up (JIT tiers, page cache, connections): operators size for steady state.
        var warmUp = LoadPlan.Create(Math.Min(readings, WarmUpReadings), Math.Min(devices, 100), batchSize, lanes, now);
        await RegisterAsync(http, warmUp, cancel).ConfigureAwait(false);
        await RegisterAsync(http, plan, cancel).ConfigureAwait(false);
        await SendAsync(http, Bodies(warmUp), cancel).ConfigureAwait(false);

        // Bodies are serialised up front too: the clock measures the node, not our JSON writer.
        var bodies = Bodies(plan);
        await Console.Out.WriteLineAsync("ready").ConfigureAwait(false);
        await Console.Out.FlushAsync(cancel).ConfigureAwait(false);
        _ = await Console.In.ReadLineAsync(cancel).ConfigureAwait(false);

        var clock = Stopwatch.StartNew();
        var (accepted, rejected) = await SendAsync(http, bodies, cancel).ConfigureAwait(false);
        clock.Stop();

        var report = new LoadReport(readings, accepted, rejected, clock.Elapsed.TotalSeconds);
        await Console.Out.WriteLineAsync(JsonSerializer.Serialize(report, LineJsonContext.Default.LoadReport)).ConfigureAwait(false);
        return accepted == readings ? 0 : 1;
    }

    private const int WarmUpReadings = 20_000;

    private static async Task RegisterAsync(HttpClient http, LoadPlan plan, CancellationToken cancel)
    {
        foreach (var chunk in plan.Keys.Chunk(1000))
        {
            var request = new RegisterDevicesRequest([.. chunk.Select(k => new DeviceRegistration(
                "0x" + Convert.ToHexStringLower(k.PublicKey), "bench", LoadPlan.Kind.ToWire(), LoadPlan.MeterNameplateW, 0, "BENCH", "bench-site"))]);
            using var response = await http.PostAsJsonAsync("/v1/devices", request, WireJsonContext.Default.RegisterDevicesRequest, cancel).ConfigureAwait(false);
            response.EnsureSuccessStatusCode();
        }
    }

    private static byte[][][] Bodies(LoadPlan plan) =>
        [.. plan.Lanes.Select(lane => lane.Select(batch => JsonSerializer.SerializeToUtf8Bytes(
            new IngestRequest([.. batch.Select(Convert.ToBase64String)]), WireJsonContext.Default.IngestRequest)).ToArray())];

    /// <summary>Sends every lane concurrently, each lane's batches in order; returns the node's accepted and rejected counts.</summary>
    private static async Task<(long Accepted, long Rejected)> SendAsync(HttpClient http, byte[][][] lanes, CancellationToken cancel)
    {
        long accepted = 0, rejected = 0;
        await Task.WhenAll(lanes.Select(async lane =>
        {
            foreach (var body in lane)
            {
                using var content = new ByteArrayContent(body);
                content.Headers.ContentType = new("application/json");
                using var response = await http.PostAsync("/v1/readings", content, cancel).ConfigureAwait(false);
                response.EnsureSuccessStatusCode();
                var result = await response.Content.ReadFromJsonAsync(WireJsonContext.Default.IngestResponse, cancel).ConfigureAwait(false);
                Interlocked.Add(ref accepted, result!.Accepted);
                Interlocked.Add(ref rejected, result.Rejected);
            }
        })).ConfigureAwait(false);
        return (accepted, rejected);
    }
}
