using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using OpenVpp.Cli.Hosting;
using OpenVpp.Node;

namespace OpenVpp.Cli.Bench;

/// <summary>
/// `openvpp bench ingest`: a node on loopback in this process, driven by a load generator in another, and the
/// raw verification rate of all cores measured in the same run as the yardstick.
/// </summary>
internal static class IngestBench
{
    public static async Task<IngestBenchReport> RunAsync(int readings, int devices, int lanes, Action<string> progress, CancellationToken cancel)
    {
        // Raw verification is measured before and after the load and averaged: this machine's speed drifts
        // (shared host), and the ratio should compare the node with the machine it actually ran on.
        progress("measuring raw P-256 verification on all cores (2 s)...");
        var rawBefore = RawVerifyMeasurement.MeasurePerSecond(TimeSpan.FromSeconds(2));

        var dataDir = Path.Combine(Path.GetTempPath(), "openvpp-bench-" + Guid.NewGuid().ToString("N")[..8]);
        var url = $"http://127.0.0.1:{FreePort.Next()}";
        try
        {
            await using var node = NodeApplication.Build(
                new NodeOptions { DataDir = dataDir, Url = url },
                TimeProvider.System,
                logging => logging.SetMinimumLevel(LogLevel.Warning));
            await node.StartAsync(cancel).ConfigureAwait(false);

            progress($"load generator: signing {readings:N0} readings for {devices:N0} devices before the clock starts...");
            await using var generator = ChildProcess.Start(
                "load generator",
                ["bench", "loadgen", "--node", url, "--readings", readings.ToString(System.Globalization.CultureInfo.InvariantCulture),
                 "--devices", devices.ToString(System.Globalization.CultureInfo.InvariantCulture),
                 "--lanes", lanes.ToString(System.Globalization.CultureInfo.InvariantCulture)],
                Path.Combine(dataDir, "loadgen.log"));

            await generator.ExpectLineAsync("ready", cancel).ConfigureAwait(false);
            progress("sending...");
            await generator.Input.WriteLineAsync("go").ConfigureAwait(false);
            await generator.Input.FlushAsync(cancel).ConfigureAwait(false);

            string? last = null;
            await foreach (var line in generator.OutputLines.Reader.ReadAllAsync(cancel).ConfigureAwait(false))
            {
                last = line;
            }

            await generator.WaitForExitAsync(cancel).ConfigureAwait(false);
            var load = last is null ? null : JsonSerializer.Deserialize(last, LineJsonContext.Default.LoadReport);
            if (load is null)
            {
                throw new InvalidOperationException($"The load generator ended without a report (exit {generator.ExitCode}); see {Path.Combine(dataDir, "loadgen.log")}.");
            }

            var peakRssMb = Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024.0);
            var ingestPerSecond = load.Accepted / load.ElapsedS;
            await node.StopAsync(CancellationToken.None).ConfigureAwait(false);
            progress("measuring raw P-256 verification again (2 s)...");
            var rawPerSecond = (rawBefore + RawVerifyMeasurement.MeasurePerSecond(TimeSpan.FromSeconds(2))) / 2;
            return new IngestBenchReport(
                load.Sent, load.Accepted, load.Rejected, Math.Round(load.ElapsedS, 3), Environment.ProcessorCount,
                Math.Round(rawPerSecond), Math.Round(ingestPerSecond), Math.Round(ingestPerSecond / rawPerSecond, 3), Math.Round(peakRssMb, 1));
        }
        finally
        {
            TempDirectory.TryDelete(dataDir);
        }
    }
}
