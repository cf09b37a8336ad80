using System.CommandLine;
using Microsoft.Extensions.Hosting;
using OpenVpp.Cli.Operators;
using OpenVpp.Gateway;

namespace OpenVpp.Cli.Commands;

/// <summary>openvpp gateway: the edge agent with its simulated fleet.</summary>
internal static class GatewayCommand
{
    public static readonly DateTimeOffset DefaultOrigin = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);

    public static Command Create()
    {
        var data = new Option<string>("--data") { Description = "Directory for the keystore (keystore.json, mode 0600) and outbox (outbox.db).", DefaultValueFactory = _ => "data/gateway" };
        var node = CommonOptions.NodeUrl();
        var devices = new Option<int>("--devices") { Description = "Number of simulated devices (homes with meter, load, and some PV, batteries, EV chargers).", DefaultValueFactory = _ => 20 };
        var seed = new Option<int>("--seed") { Description = "Seed of the simulated fleet; the same seed gives the same fleet and readings.", DefaultValueFactory = _ => 1 };
        var owner = new Option<string>("--owner") { Description = "Owner recorded for the devices this gateway registers.", DefaultValueFactory = _ => "local-owner" };
        var interval = CommonOptions.Duration("--interval", "Metering interval of each reading.", TimeSpan.FromMinutes(15));
        var origin = new Option<DateTimeOffset?>("--origin") { Description = "Start of the simulation (ISO 8601); default: the current interval." };
        var until = new Option<DateTimeOffset?>("--until") { Description = "Stop producing readings for intervals ending after this instant (ISO 8601)." };
        var regions = new Option<string[]>("--region") { Description = "Region(s) the homes are spread over.", DefaultValueFactory = _ => ["NL-NH", "NL-NB"], AllowMultipleArgumentsPerToken = true };
        var maxBackoff = CommonOptions.Duration("--max-backoff", "Longest wait between upload retries while the node is unreachable.", TimeSpan.FromSeconds(60));
        var config = new Option<string?>("--config") { Description = "Run the devices listed in this YAML file (docs/gateway-config.md); --data and --node given here override the file's." };
        var check = new Option<bool>("--check") { Description = "With --config: check the file, print what would run, and exit (0 when usable, 1 with every problem listed)." };
        var venCredentials = new Option<string?>("--ven-credentials")
        {
            Description = "Act as an OpenADR 3.1 VEN of the node's VTN with the VEN client in this JSON file ({\"vtn_url\", \"client_id\", \"client_secret\"}, as `openvpp operator add --role ven` or `up` write it): register the devices as resources, follow the dispatch events, report demand.",
        };
        var venName = new Option<string?>("--ven-name") { Description = "With --ven-credentials: this gateway's ven name at the VTN (unique there); default: gateway-<seed>." };
        var venPoll = CommonOptions.Duration("--ven-poll", "With --ven-credentials: how often events are fetched from the VTN (on the gateway's clock, so simulated time under --clock-speed).", TimeSpan.FromSeconds(10));
        var venCallback = new Option<string?>("--ven-callback")
        {
            Description = "With --ven-credentials: listen here for the VTN's webhook notifications and subscribe to event changes, so a new event is fetched at once (--ven-poll stays the fallback). The VTN must reach this address; port 0 picks a free one. Example: http://127.0.0.1:0",
        };
        var clock = new ClockOptions();

        var command = new Command("gateway", """
            Run a gateway: creates a key pair per device (kept in keystore.json, mode 0600), registers the devices with the
            node, signs each interval's readings, keeps them in a durable outbox and uploads them, retrying with backoff.

            With --config it runs real devices instead: OCPP chargers, SunSpec Modbus inverters and batteries, DSMR P1
            meters and MQTT devices, with an optional simulated fleet beside them (see docs/gateway-config.md).

            Examples:
              openvpp gateway --data data/gateway --node http://127.0.0.1:8640 --devices 50
              openvpp gateway --config examples/gateway.yaml --check
              openvpp gateway --config examples/gateway.yaml
            """)
        {
            data, node, devices, seed, owner, interval, origin, until, regions, maxBackoff, config, check, venCredentials, venName, venPoll, venCallback,
        };
        clock.AddTo(command);
        command.SetAction(async (parse, cancel) =>
        {
            if (parse.GetValue(config) is { } configPath)
            {
                return await GatewayConfigRun.RunAsync(
                    configPath,
                    parse.GetResult(data) is { Implicit: false } ? parse.GetValue(data) : null,
                    parse.GetResult(node) is { Implicit: false } ? parse.GetValue(node) : null,
                    parse.GetValue(check),
                    clock.Resolve(parse),
                    cancel).ConfigureAwait(false);
            }

            var time = clock.Resolve(parse);
            var step = parse.GetValue(interval);
            var dataDir = Path.GetFullPath(parse.GetRequiredValue(data));
            var requestedOrigin = parse.GetValue(origin);
            var pinnedOrigin = SimulationOriginPin.Resolve(dataDir, requestedOrigin ?? Floor(time.GetUtcNow(), step));
            if (requestedOrigin is { } asked && asked != pinnedOrigin)
            {
                Console.Error.WriteLine(
                    $"gateway: {dataDir} already simulates from {pinnedOrigin:O}; ignoring --origin {asked:O} (use a new --data directory for a new fleet).");
            }

            var options = new GatewayOptions
            {
                DataDir = dataDir,
                NodeUrl = parse.GetRequiredValue(node),
                Owner = parse.GetRequiredValue(owner),
                Seed = parse.GetValue(seed),
                DeviceCount = parse.GetValue(devices),
                Interval = step,
                SimulationOrigin = pinnedOrigin,
                SimulationEnd = parse.GetValue(until),
                Regions = parse.GetRequiredValue(regions),
                MaxBackoff = parse.GetValue(maxBackoff),
                Ven = parse.GetValue(venCredentials) is { } credentialsPath
                    ? VenCredentialsFile.Read(credentialsPath, parse.GetRequiredValue(node), parse.GetValue(venName) ?? $"gateway-{parse.GetValue(seed)}", parse.GetValue(venPoll), parse.GetValue(venCallback))
                    : null,
            };
            using var host = GatewayApplication.Build(options, time);
            await host.RunAsync(cancel).ConfigureAwait(false);
            return 0;
        });
        return command;
    }

    public static DateTimeOffset Floor(DateTimeOffset instant, TimeSpan step) =>
        new(instant.UtcTicks - (instant.UtcTicks % step.Ticks), TimeSpan.Zero);
}
