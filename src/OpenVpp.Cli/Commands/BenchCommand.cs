using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using OpenVpp.Cli.Bench;

namespace OpenVpp.Cli.Commands;

/// <summary>openvpp bench: hardware sizing tools for operators.</summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var command = new Command("bench", "Measure this machine: how fast a node verifies and stores signed readings.");
        command.Add(Ingest());
        command.Add(LoadGen());
        command.Add(Ocpp());
        command.Add(OcppLoadGen());
        return command;
    }

    private static Command Ocpp()
    {
        var stations = new Option<int>("--stations") { Description = "Charging stations connected at once (one WebSocket each).", DefaultValueFactory = _ => 1_000 };
        var messages = new Option<long>("--messages") { Description = "MeterValues CALLs to send in total, shared among the stations.", DefaultValueFactory = _ => 100_000 };
        var json = CommonOptions.Json();
        var command = new Command("ocpp", """
            Start the gateway's OCPP CSMS on loopback, connect and boot many stations from a separate load-generating
            process, then have every station send MeterValues CALLs (each waits for its answer, as OCPP requires) and
            measure how many the CSMS handles per second: parse, schema-validate, map to a reading, answer.

            Prints messages_per_s and the CSMS process's memory: rss_before_mb (no station), rss_idle_mb (all stations
            connected, idle), per_station_kb and peak_rss_mb.
            Example: ./openvpp bench ocpp --stations 1000 --messages 100000 --json
            """)
        {
            stations, messages, json,
        };
        command.SetAction(async (parse, cancel) =>
        {
            var asJson = parse.GetValue(json);
            var report = await OcppBench.RunAsync(
                parse.GetValue(stations), parse.GetValue(messages),
                message => { if (!asJson) { Console.Error.WriteLine(message); } },
                cancel).ConfigureAwait(false);
            if (asJson)
            {
                Console.WriteLine(JsonSerializer.Serialize(report, OcppBenchJsonContext.Default.OcppBenchReport));
            }
            else
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
                    stations          {report.Stations:N0} connected ({report.Cores} cores)
                    messages          {report.Answered:N0} answered of {report.Messages:N0} in {report.ElapsedS:0.00} s ({report.Errors:N0} errors, {report.SamplesDerived:N0} readings derived)
                    messages_per_s    {report.MessagesPerS:N0}
                    rss_before_mb     {report.RssBeforeMb:0.0}  (CSMS listening, no station)
                    rss_idle_mb       {report.RssIdleMb:0.0}  (all stations connected and idle; managed heap {report.ManagedHeapIdleMb:0.0} MB)
                    per_station_kb    {report.PerStationKb:0.0}
                    peak_rss_mb       {report.PeakRssMb:0.0}
                    """));
            }

            return report.Errors == 0 && report.Answered == report.Messages ? 0 : 1;
        });
        return command;
    }

    private static Command OcppLoadGen()
    {
        var url = new Option<string>("--url") { Required = true };
        var stations = new Option<int>("--stations") { DefaultValueFactory = _ => 1_000 };
        var messages = new Option<long>("--messages") { DefaultValueFactory = _ => 100_000 };
        var command = new Command("ocpp-loadgen", "The station-simulating process of `bench ocpp` (started by it).") { Hidden = true };
        command.Add(url);
        command.Add(stations);
        command.Add(messages);
        command.SetAction((parse, cancel) => OcppLoadGenerator.RunAsync(
            parse.GetRequiredValue(url), parse.GetValue(stations), parse.GetValue(messages), cancel));
        return command;
    }

    private static Command Ingest()
    {
        var readings = new Option<int>("--readings") { Description = "Signed readings to send (batches of 1,000).", DefaultValueFactory = _ => 200_000 };
        var devices = new Option<int>("--devices") { Description = "Distinct device keys the readings come from.", DefaultValueFactory = _ => 1_000 };
        var lanes = new Option<int>("--concurrency") { Description = "Concurrent HTTP requests from the load generator (many gateways upload at once).", DefaultValueFactory = _ => 8 };
        var json = CommonOptions.Json();
        var command = new Command("ingest", """
            Start a node on loopback, drive it from a separate load-generating process with batches of 1,000 readings
            signed before the clock starts, and compare the node's end-to-end ingest rate (verify + validate + durable
            SQLite store + HTTP) with the raw P-256 verification rate of all cores measured in the same run.

            Prints raw_verify_per_s, ingest_per_s, ratio (ingest / raw) and peak_rss_mb (node process).
            Example: ./openvpp bench ingest --readings 200000 --json
            """)
        {
            readings, devices, lanes, json,
        };
        command.SetAction(async (parse, cancel) =>
        {
            var asJson = parse.GetValue(json);
            var report = await IngestBench.RunAsync(
                parse.GetValue(readings), parse.GetValue(devices), parse.GetValue(lanes),
                message => { if (!asJson) { Console.Error.WriteLine(message); } },
                cancel).ConfigureAwait(false);
            if (asJson)
            {
                Console.WriteLine(JsonSerializer.Serialize(report, CliJsonContext.Default.IngestBenchReport));
            }
            else
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
                    readings          {report.Accepted:N0} accepted of {report.Readings:N0} in {report.ElapsedS:0.00} s
                    raw_verify_per_s  {report.RawVerifyPerS:N0}  (P-256, {report.Cores} cores, same run)
                    ingest_per_s      {report.IngestPerS:N0}
                    ratio             {report.Ratio:0.000}  (target >= 0.5)
                    peak_rss_mb       {report.PeakRssMb:0.0}
                    """));
            }

            return report.Accepted == report.Readings ? 0 : 1;
        });
        return command;
    }

    private static Command LoadGen()
    {
        var node = CommonOptions.NodeUrl();
        var readings = new Option<int>("--readings") { DefaultValueFactory = _ => 200_000 };
        var devices = new Option<int>("--devices") { DefaultValueFactory = _ => 1_000 };
        var lanes = new Option<int>("--lanes") { DefaultValueFactory = _ => 8 };
        var command = new Command("loadgen", "The load-generating process of `bench ingest` (started by it).") { Hidden = true };
        command.Add(node);
        command.Add(readings);
        command.Add(devices);
        command.Add(lanes);
        command.SetAction((parse, cancel) => LoadGenerator.RunAsync(
            parse.GetRequiredValue(node), parse.GetValue(readings), parse.GetValue(devices), 1000, parse.GetValue(lanes), cancel));
        return command;
    }
}
