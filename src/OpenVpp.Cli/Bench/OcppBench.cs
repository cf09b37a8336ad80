using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using OpenVpp.Cli.Hosting;
using OpenVpp.Protocols.Ocpp.Transport;

namespace OpenVpp.Cli.Bench;

/// <summary>
/// `openvpp bench ocpp`: the gateway's CSMS in this process, stations simulated by a load generator in another
/// (<see cref="OcppLoadGenerator"/>) over loopback. Measures MeterValues CALLs answered per second with every station
/// connected (each CALL is parsed, schema-validated, mapped to a reading and answered) and this process's memory.
/// </summary>
internal static class OcppBench
{
    public static async Task<OcppBenchReport> RunAsync(int stations, long messages, Action<string> progress, CancellationToken cancel)
    {
        var logDir = Path.Combine(Path.GetTempPath(), "openvpp-bench-ocpp-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(logDir);
        long samples = 0;
        await using var csms = new OcppCsms(new OcppCsmsOptions { Port = 0, ListenAddress = "127.0.0.1" });
        csms.StationEvent += (_, e) =>
        {
            if (e is OcppSampleReceived)
            {
                Interlocked.Increment(ref samples);
            }
        };
        await csms.StartAsync(cancel).ConfigureAwait(false);
        var rssBefore = RssMb();

        progress($"load generator: connecting and booting {stations:N0} stations...");
        await using var generator = ChildProcess.Start(
            "OCPP load generator",
            ["bench", "ocpp-loadgen", "--url", $"ws://127.0.0.1:{csms.Port}/ocpp",
             "--stations", stations.ToString(CultureInfo.InvariantCulture), "--messages", messages.ToString(CultureInfo.InvariantCulture)],
            Path.Combine(logDir, "loadgen.log"));
        await generator.ExpectLineAsync("ready", cancel).ConfigureAwait(false);
        if (csms.ConnectedStations.Count != stations)
        {
            throw new InvalidOperationException($"Only {csms.ConnectedStations.Count} of {stations} stations are connected; see {logDir}/loadgen.log.");
        }

        // Memory with every station connected and idle, after a full collection so garbage from the boots is not counted.
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        var rssIdle = RssMb();
        var heapIdle = GC.GetTotalMemory(forceFullCollection: false) / (1024.0 * 1024.0);

        progress($"sending {messages:N0} MeterValues CALLs...");
        await generator.Input.WriteLineAsync("go").ConfigureAwait(false);
        await generator.Input.FlushAsync(cancel).ConfigureAwait(false);
        string? last = null;
        await foreach (var line in generator.OutputLines.Reader.ReadAllAsync(cancel).ConfigureAwait(false))
        {
            last = line;
        }

        await generator.WaitForExitAsync(cancel).ConfigureAwait(false);
        var load = last is null ? null : JsonSerializer.Deserialize(last, OcppLoadJsonContext.Default.OcppLoadReport);
        if (load is null)
        {
            throw new InvalidOperationException($"The OCPP load generator ended without a report (exit {generator.ExitCode}); see {logDir}/loadgen.log.");
        }

        var peak = Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024.0);
        await csms.StopAsync().ConfigureAwait(false);
        TempDirectory.TryDelete(logDir);
        return new OcppBenchReport(
            stations, load.Sent, load.Answered, load.Errors, Interlocked.Read(ref samples), Math.Round(load.ElapsedS, 3),
            Math.Round(load.Answered / load.ElapsedS), Math.Round(rssBefore, 1), Math.Round(rssIdle, 1), Math.Round(heapIdle, 1),
            Math.Round((rssIdle - rssBefore) * 1024 / stations, 1), Math.Round(peak, 1), Environment.ProcessorCount);
    }

    private static double RssMb()
    {
        using var self = Process.GetCurrentProcess();
        self.Refresh();
        return self.WorkingSet64 / (1024.0 * 1024.0);
    }
}
