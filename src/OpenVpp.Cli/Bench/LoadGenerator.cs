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
        var plan = LoadPlan.Create(readings, devices, batchSize, lanes, DateTimeOffset.UtcNow);
        foreach (var chunk in plan.Keys.Chunk(1000))
        {
            var request = new RegisterDevicesRequest([.. chunk.Select(k => new DeviceRegistration(
                "0x" + Convert.ToHexStringLower(k.PublicKey), "bench", LoadPlan.Kind.ToWire(), LoadPlan.MeterNameplateW, 0, "BENCH", "bench-site"))]);
            using var response = await http.PostAsJsonAsync("/v1/devices", request, WireJsonContext.Default.RegisterDevicesRequest, cancel).ConfigureAwait(false);
            response.EnsureSuccessStatusCode();
        }

        // Bodies are serialised up front too: the clock measures the node, not our JSON writer.
        var bodies = plan.Lanes
            .Select(lane => lane.Select(batch => JsonSerializer.SerializeToUtf8Bytes(
                new IngestRequest([.. batch.Select(Convert.ToBase64String)]), WireJsonContext.Default.IngestRequest)).ToArray())
            .ToArray();

        await Console.Out.WriteLineAsync("ready").ConfigureAwait(false);
        await Console.Out.FlushAsync(cancel).ConfigureAwait(false);
        _ = await Console.In.ReadLineAsync(cancel).ConfigureAwait(false);

        long accepted = 0, rejected = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(bodies.Select(async lane =>
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
        clock.Stop();

        var report = new LoadReport(readings, accepted, rejected, clock.Elapsed.TotalSeconds);
        await Console.Out.WriteLineAsync(JsonSerializer.Serialize(report, LineJsonContext.Default.LoadReport)).ConfigureAwait(false);
        return accepted == readings ? 0 : 1;
    }
}
