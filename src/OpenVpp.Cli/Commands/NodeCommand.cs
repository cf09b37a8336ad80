using System.CommandLine;
using Microsoft.Extensions.Hosting;
using OpenVpp.Cli.Chain;
using OpenVpp.Cli.Hosting;
using OpenVpp.Core.Epochs;
using OpenVpp.Node;

namespace OpenVpp.Cli.Commands;

/// <summary>openvpp node: the network node (ingest, store, query, epoch commitments).</summary>
internal static class NodeCommand
{
    public static readonly DateTimeOffset DefaultGenesis = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static Command Create()
    {
        var data = new Option<string>("--data") { Description = "Directory for the node's database (node.db).", DefaultValueFactory = _ => "data/node" };
        var url = new Option<string>("--url") { Description = "Address to listen on (loopback by default).", DefaultValueFactory = _ => CommonOptions.DefaultNodeUrl };
        var epochLength = CommonOptions.Duration("--epoch-length", "Length of an epoch; each one gets its own Merkle root.", EpochSchedule.DefaultLength);
        var genesis = new Option<DateTimeOffset>("--genesis") { Description = "Start of epoch 0 (ISO 8601, UTC).", DefaultValueFactory = _ => DefaultGenesis };
        var sealEvery = CommonOptions.Duration("--seal-check", "How often the node checks for ended epochs to seal.", TimeSpan.FromSeconds(1));
        sealEvery.Hidden = true;
        var drLead = CommonOptions.Duration("--dr-lead", "How long before an operator's demand-response event the fleet is dispatched (on the node's clock).", TimeSpan.FromMinutes(30));
        var mqttPort = new Option<int>("--openadr-mqtt-port")
        {
            Description = "Port of the OpenADR 3.1 MQTT notifier's broker (0: a free one; GET /notifiers and the log say which). Clients log in with their clientID and an access token.",
            DefaultValueFactory = _ => 0,
        };
        var clock = new ClockOptions();
        var chain = new NodeChainArguments();

        var command = new Command("node", """
            Run a network node: verifies, stores and answers for each signed reading, seals each epoch with a Merkle root,
            and serves the query API with its OpenAPI document at /openapi/v1.json.

            With --manifest the device registry comes from the chain (an indexer follows it) and, with an oracle
            wallet, every sealed epoch's data root and reward root are committed on chain.

            Example: openvpp node --data data/node --url http://127.0.0.1:8640
                     openvpp node --data data/node --manifest data/deployment.json --oracle-wallet oracle --confirmations 0
            """)
        {
            data, url, epochLength, genesis, sealEvery, drLead, mqttPort,
        };
        clock.AddTo(command);
        chain.AddTo(command);
        command.SetAction((parse, cancel) => CommandErrors.RunAsync("node", async () =>
        {
            var options = new NodeOptions
            {
                DataDir = Path.GetFullPath(parse.GetRequiredValue(data)),
                Url = parse.GetRequiredValue(url),
                EpochLength = parse.GetValue(epochLength),
                Genesis = parse.GetValue(genesis),
                SealCheckInterval = parse.GetValue(sealEvery),
                OpenAdrMqttPort = parse.GetValue(mqttPort),
                Chain = chain.Resolve(parse, parse.GetValue(epochLength)),
                DemandResponse = new Node.DemandResponse.DemandResponseOptions
                {
                    Lead = parse.GetValue(drLead),
                    ReadingInterval = parse.GetValue(chain.ReadingInterval),
                },
            };
            await using var app = NodeApplication.Build(options, clock.Resolve(parse));
            if (!await NodeStarter.TryStartAsync(app, options.Url, cancel).ConfigureAwait(false))
            {
                return 2;
            }
            await app.WaitForShutdownAsync(cancel).ConfigureAwait(false);
            return 0;
        }, cancel));
        return command;
    }
}
