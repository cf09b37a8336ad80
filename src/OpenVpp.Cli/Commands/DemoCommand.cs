using System.CommandLine;
using System.Text.Json;
using OpenVpp.Cli.Demo;

using OpenVpp.Cli.Hosting;

namespace OpenVpp.Cli.Commands;

/// <summary>openvpp demo: a whole scenario on an accelerated clock, with a report.</summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var devices = new Option<int>("--devices") { Description = "Simulated devices (homes with meter and load, some with PV, battery, EV charger).", DefaultValueFactory = _ => 50 };
        var hours = new Option<double>("--hours") { Description = "Simulated hours to run.", DefaultValueFactory = _ => 6 };
        var faults = new Option<bool>("--faults") { Description = "Inject forged, replayed and implausible readings, and crash and restart the gateway and the node mid-run." };
        var seed = new Option<int>("--seed") { Description = "Seed of the fleet (same seed, same fleet and readings).", DefaultValueFactory = _ => 1 };
        var speed = new Option<double>("--speed") { Description = "Simulated seconds per real second.", DefaultValueFactory = _ => 1440 };
        var data = new Option<string?>("--data") { Description = "Keep the run's data (node.db, keystore, outbox, logs) in this directory; default: a temporary one, deleted after." };
        var scenario = new Option<string>("--scenario")
        {
            Description = "baseline: readings, epochs and rewards. peak-event: also an evening demand-response event (17:00–19:00 UTC) that a utility operator publishes over OpenADR 3.1, the node dispatches to the fleet, and the node measures; runs 20 simulated hours unless --hours says more.",
            DefaultValueFactory = _ => DemoSettings.BaselineScenario,
        };
        scenario.AcceptOnlyFromAmong(DemoSettings.BaselineScenario, DemoPeakEvent.Name);
        var json = CommonOptions.Json();
        var command = new Command("demo", """
            Run a whole scenario the way production runs: a node and a gateway as separate processes on loopback, on an
            accelerated clock (default: 1 simulated hour per 2.5 s). Reports readings sent, accepted, rejected by reason
            and lost (must be 0), injected faults, every epoch's Merkle root (recomputed and checked), and the fleet's
            energy balance. Exit code 0 when nothing was lost, every fault was caught and every root recomputes.

            With --scenario peak-event the report adds dr.events: per event the kW requested and delivered, the
            performance ratio, the devices dispatched and any device limit violations (exit code 1 unless a feasible
            event performs between 0.9 and 1.1 with no violations).

            Examples: ./openvpp demo --devices 100 --hours 24 --faults --seed 7 --json
                      ./openvpp demo --scenario peak-event --json
            """)
        {
            devices, hours, faults, seed, speed, data, scenario, json,
        };
        command.SetAction(async (parse, cancel) =>
        {
            var asJson = parse.GetValue(json);
            var keep = parse.GetValue(data);
            var dataDir = Path.GetFullPath(keep ?? Path.Combine(Path.GetTempPath(), "openvpp-demo-" + Guid.NewGuid().ToString("N")[..8]));
            var chosen = parse.GetRequiredValue(scenario);
            var simulatedHours = parse.GetValue(hours);
            if (chosen == DemoPeakEvent.Name && parse.GetResult(hours) is null or { Implicit: true })
            {
                simulatedHours = 20;
            }

            if (chosen == DemoPeakEvent.Name && simulatedHours < 20)
            {
                Console.Error.WriteLine("demo: --scenario peak-event needs --hours 20 or more (the event ends at 19:00 and is measured after).");
                return 2;
            }

            var settings = new DemoSettings(
                parse.GetValue(devices), simulatedHours, parse.GetValue(faults), parse.GetValue(seed), parse.GetValue(speed),
                dataDir, TimeSpan.FromMinutes(15), TimeSpan.FromHours(1), chosen);
            if (settings.Devices < 2 || settings.Hours <= 0 || settings.Speed <= 0)
            {
                Console.Error.WriteLine("demo: --devices must be at least 2, --hours and --speed positive.");
                return 2;
            }

            void Progress(string message)
            {
                if (!asJson)
                {
                    Console.Error.WriteLine($"[demo] {message}");
                }
            }

            try
            {
                Progress($"{settings.Devices} devices, {settings.Hours} simulated hours at {settings.Speed}x; data in {dataDir}");
                var report = await new DemoRunner(settings, Progress).RunAsync(cancel).ConfigureAwait(false);
                Console.WriteLine(asJson ? JsonSerializer.Serialize(report, CliJsonContext.Default.DemoReport) : DemoSummary.Format(report));
                return DemoSummary.Passed(report) ? 0 : 1;
            }
            catch (Exception e) when (e is TimeoutException or InvalidOperationException or HttpRequestException)
            {
                Console.Error.WriteLine($"demo: {e.Message}");
                return 1;
            }
            finally
            {
                if (keep is null)
                {
                    TempDirectory.TryDelete(dataDir);
                }
            }
        });
        return command;
    }
}
