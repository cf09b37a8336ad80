using System.CommandLine;
using Microsoft.Extensions.Logging;
using OpenVpp.Cli.Chain;
using OpenVpp.Cli.Demo;
using OpenVpp.Cli.Hosting;
using OpenVpp.Cli.Operators;
using OpenVpp.Core.Epochs;
using OpenVpp.Core.Rewards;
using OpenVpp.Gateway;
using OpenVpp.Gateway.OpenAdr;
using OpenVpp.Storage.OpenAdr;
using Microsoft.Extensions.DependencyInjection;
using OpenVpp.Node;
using OpenVpp.Node.OpenAdr;

namespace OpenVpp.Cli.Commands;

/// <summary>openvpp up: a node and a gateway with a simulated fleet, in one process, until Ctrl-C.</summary>
internal static class UpCommand
{
    public static Command Create()
    {
        var data = new Option<string>("--data") { Description = "Data directory (node/ and gateway/ are created inside).", DefaultValueFactory = _ => "data" };
        var port = new Option<int>("--port") { Description = "Loopback port of the node's API.", DefaultValueFactory = _ => 8640 };
        var mqttPort = new Option<int?>("--mqtt-port") { Description = "Loopback port of the VTN's MQTT notifier broker; default: --port + 1." };
        var devices = new Option<int>("--devices") { Description = "Number of simulated devices.", DefaultValueFactory = _ => 20 };
        var seed = new Option<int>("--seed") { Description = "Seed of the simulated fleet.", DefaultValueFactory = _ => 1 };
        var interval = CommonOptions.Duration("--interval", "Metering interval (short by default so something happens soon).", TimeSpan.FromMinutes(1));
        var epochLength = CommonOptions.Duration("--epoch-length", "Epoch length (one Merkle root per epoch).", TimeSpan.FromMinutes(10));
        var drLead = CommonOptions.Duration("--dr-lead", "How long before an operator's demand-response event the fleet is dispatched.", TimeSpan.FromMinutes(2));
        var verbose = new Option<bool>("--verbose") { Description = "Show the hosts' informational logs, not only warnings." };

        var command = new Command("up", """
            Run the network locally: a local chain (anvil) with the contracts deployed, a node on loopback that indexes
            the chain and commits every epoch with its rewards and serves the OpenADR 3.1 VTN, and a gateway with a
            simulated fleet whose devices are registered on chain by one owner wallet per site, until Ctrl-C or SIGTERM.
            Operator credentials for the VTN are written to <data>/operator-credentials.json (mode 0600).
            Demand response: an OpenADR event targeted at a region (NL-NH, NL-NB) with intervals on the --interval
            grid is dispatched --dr-lead before it starts, then measured, reported and rewarded two intervals after it ends.
            Data survives restarts: run it again on the same --data to continue where it stopped.

            Example: ./openvpp up --devices 50 --interval 1m
            """)
        {
            data, port, mqttPort, devices, seed, interval, epochLength, drLead, verbose,
        };
        command.SetAction((parse, cancel) => CommandErrors.RunAsync("up", async () =>
        {
            var dataDir = Path.GetFullPath(parse.GetRequiredValue(data));
            var url = $"http://127.0.0.1:{parse.GetValue(port)}";
            var step = parse.GetValue(interval);
            var mqtt = parse.GetValue(mqttPort) ?? parse.GetValue(port) + 1;
            var level = parse.GetValue(verbose) ? LogLevel.Information : LogLevel.Warning;
            void Logging(ILoggingBuilder builder) => builder.ClearProviders().AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(level);

            // The value layer: anvil keeps its state in data/chain, so a restart continues the same chain and contracts.
            var schedule = new EpochSchedule(NodeCommand.DefaultGenesis, parse.GetValue(epochLength));
            await using var chain = await LocalChain.StartAsync(
                Path.Combine(dataDir, "chain"), Math.Max(0, schedule.IndexAt(TimeProvider.System.GetUtcNow())), persistent: true, Console.WriteLine, cancel)
                .ConfigureAwait(false);
            await using var node = NodeApplication.Build(
                new NodeOptions
                {
                    DataDir = Path.Combine(dataDir, "node"),
                    Url = url,
                    EpochLength = parse.GetValue(epochLength),
                    Genesis = NodeCommand.DefaultGenesis,
                    OpenAdrMqttPort = mqtt,
                    DemandResponse = LocalDemandResponse(step, parse.GetValue(drLead)),
                    Chain = new ChainOptions
                    {
                        Rpc = chain.Anvil.RpcUri,
                        Manifest = chain.Manifest,
                        ConfirmationDepth = 0,
                        OracleKey = chain.Wallets.Load(LocalChain.OracleWallet),
                        // Completeness counts readings per epoch, so the oracle must know the fleet's cadence.
                        Rewards = new RewardParameters().WithReadingCadence(parse.GetValue(epochLength), step),
                    },
                },
                TimeProvider.System,
                Logging);
            if (!await NodeStarter.TryStartAsync(node, url, cancel).ConfigureAwait(false))
            {
                return 2;
            }

            // Operator credentials are written only once the VTN answers, so a script that waits for the file can use it.
            var vtnUrl = url + OpenAdrEndpoints.BasePath;
            await WaitForVtnAsync(vtnUrl, cancel).ConfigureAwait(false);
            var auth = node.Services.GetRequiredService<OpenAdrAuth>();
            var credentialsPath = Path.Combine(dataDir, OperatorCredentials.FileName);
            OperatorCredentials.Ensure(credentialsPath, auth, url);

            // The gateway is a VEN of this VTN, with its own client kept beside its keystore.
            // Owner-only, as the gateway makes it: the directory will hold the device keystore.
            var gatewayDir = Path.Combine(dataDir, "gateway");
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(gatewayDir);
            }
            else
            {
                Directory.CreateDirectory(gatewayDir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }

            var venCredentials = OperatorCredentials.Ensure(Path.Combine(dataDir, "gateway", OperatorCredentials.VenFileName), auth, url, OpenAdrRole.Ven);

            using var gateway = GatewayApplication.Build(
                new GatewayOptions
                {
                    DataDir = Path.Combine(dataDir, "gateway"),
                    NodeUrl = url,
                    DeviceCount = parse.GetValue(devices),
                    Seed = parse.GetValue(seed),
                    Interval = step,
                    SimulationOrigin = SimulationOriginPin.Resolve(Path.Combine(dataDir, "gateway"), GatewayCommand.Floor(TimeProvider.System.GetUtcNow(), step)),
                    Regions = ["NL-NH", "NL-NB"],
                    Ven = new VenOptions
                    {
                        VtnUrl = new Uri(vtnUrl),
                        ClientId = venCredentials.ClientId,
                        ClientSecret = venCredentials.ClientSecret,
                        VenName = "up-gateway",
                        CallbackListenUrl = new Uri("http://127.0.0.1:0"),
                    },
                },
                TimeProvider.System,
                Logging);
            await gateway.StartAsync(cancel).ConfigureAwait(false);
            await new DemoValueLayer(chain, Console.WriteLine).RegisterSitesAsync(Path.Combine(dataDir, "gateway"), TimeSpan.FromSeconds(60), cancel)
                .ConfigureAwait(false);

            Console.WriteLine($"""
                OpenVPP is running (Ctrl-C to stop).
                  node API      {url}/v1/devices   {url}/v1/epochs   {url}/v1/stats
                  OpenAPI       {url}/openapi/v1.json
                  OpenADR VTN   {vtnUrl}   operator credentials: {credentialsPath} (mode 0600)
                  OpenADR MQTT  mqtt://127.0.0.1:{mqtt}   notifier broker: username a clientID, password its access token
                  chain         {chain.Anvil.RpcUri} (chain id {chain.Manifest.ChainId}); contracts in {chain.ManifestPath}
                  rewards       {url}/v1/rewards/<owner address>   wallets: ./openvpp wallet list --data {dataDir}
                  data          {dataDir}  (node/node.db, gateway/keystore.json, gateway/outbox.db)
                  fleet         {parse.GetValue(devices)} simulated devices, one signed reading each per {step.TotalMinutes:0.##} min
                Try: curl -s {url}/v1/stats
                """);

            using var status = new StatusPrinter(url);
            await status.RunUntilCancelledAsync(step, cancel).ConfigureAwait(false);

            Console.WriteLine("Stopping gateway and node...");
            await gateway.StopAsync(CancellationToken.None).ConfigureAwait(false);
            await node.StopAsync(CancellationToken.None).ConfigureAwait(false);
            Console.WriteLine("Stopped. Nothing acknowledged is lost; run ./openvpp up again to continue.");
            return 0;
        }, cancel));
        return command;
    }

    /// <summary>
    /// Demand response on the local network's clock: events lie on the fleet's metering grid (the node's 15-minute
    /// default would skip every reading of a 1-minute fleet), and the gateway runs in this process, so readings are
    /// late by seconds, not the hour a field fleet is allowed.
    /// </summary>
    internal static Node.DemandResponse.DemandResponseOptions LocalDemandResponse(TimeSpan step, TimeSpan lead) => new()
    {
        ReadingInterval = step,
        Lead = lead,
        Tick = TimeSpan.FromTicks(Math.Min(step.Ticks, TimeSpan.FromMinutes(1).Ticks)),
        LateReadingAllowance = step * 2,
    };

    private static async Task WaitForVtnAsync(string vtnUrl, CancellationToken cancel)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                using var response = await http.GetAsync(new Uri(vtnUrl + "/auth/server"), cancel).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException) when (attempt < 50)
            {
            }

            if (attempt >= 50)
            {
                throw new CommandException($"The VTN at {vtnUrl} does not answer; see the node's log above.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), cancel).ConfigureAwait(false);
        }
    }
}
