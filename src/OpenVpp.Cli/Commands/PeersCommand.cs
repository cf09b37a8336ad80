using System.CommandLine;
using OpenVpp.Cli.Peers;
using OpenVpp.Gateway.Adapters.Mqtt;
using OpenVpp.Gateway.Configuration;

namespace OpenVpp.Cli.Commands;

/// <summary>openvpp peers: simulated hardware behind the real protocols, for the devices a gateway config lists.</summary>
internal static class PeersCommand
{
    public static Command Create()
    {
        var config = new Option<string>("--config") { Description = "The gateway configuration whose devices to simulate (same file as openvpp gateway --config).", Required = true };
        var seed = new Option<int>("--seed") { Description = "Seed of the simulated home (its PV, battery, EV and load).", DefaultValueFactory = _ => 1 };
        var step = CommonOptions.Duration("--step", "How often devices send or update their values.", TimeSpan.FromSeconds(5));
        var ocppProtocol = new Option<string>("--ocpp-protocol") { Description = "OCPP version the simulated chargers speak.", DefaultValueFactory = _ => "ocpp1.6" };
        ocppProtocol.AcceptOnlyFromAmong("ocpp1.6", "ocpp2.0.1");

        var command = new Command("peers", """
            Simulate one home's hardware behind the real protocols, so a gateway config can be tried without devices:
            a DSMR 5.0 meter on the P1 TCP ports, SunSpec inverters, batteries and meters on a Modbus TCP server (npm
            modbus-serial), chargers as OCPP charge points (npm ocpp-rpc, strict) connecting to the gateway's CSMS, and
            MQTT devices publishing as their mappings expect. Values follow a simulated home on the wall clock.

            Example (two terminals):
              ./openvpp peers --config examples/gateway.yaml
              ./openvpp gateway --config examples/gateway.yaml
            """)
        {
            config, seed, step, ocppProtocol,
        };
        command.SetAction((parse, cancel) => CommandErrors.RunAsync("peers", async () =>
        {
            GatewayConfig file;
            try
            {
                file = GatewayConfigReader.Load(parse.GetRequiredValue(config));
            }
            catch (GatewayConfigException e)
            {
                await Console.Error.WriteLineAsync($"peers: {e.Message}").ConfigureAwait(false);
                return CommandErrors.Failure;
            }

            var period = parse.GetValue(step);
            var peers = Plan(file, parse.GetRequiredValue(ocppProtocol));
            if (peers.Count == 0)
            {
                await Console.Error.WriteLineAsync("peers: the configuration lists no device a peer can simulate (sunspec, p1 over TCP, ocpp, mqtt).").ConfigureAwait(false);
                return CommandErrors.Failure;
            }

            var home = new SimulatedHomeModel(parse.GetValue(seed), DateTimeOffset.UtcNow);
            Console.WriteLine($"peers: simulating {home.Site} (seed {parse.GetValue(seed)}), updates every {period}; Ctrl-C stops");
            foreach (var device in home.Devices)
            {
                Console.WriteLine($"  simulated {device.Kind,-13} {device.NameplatePowerW,6} W{(device.CapacityWh > 0 ? $", {device.CapacityWh} Wh" : "")}");
            }

            foreach (var peer in peers)
            {
                Console.WriteLine($"  {peer.Description}");
            }

            // The node refuses readings beyond a device's nameplate: say so before it happens.
            foreach (var d in file.Devices.Where(d => d.Descriptor.NameplatePowerW < home[d.Descriptor.Kind].NameplatePowerW))
            {
                Console.WriteLine($"  note: {d.Descriptor.Name} has nameplate_w {d.Descriptor.NameplatePowerW}, below the simulated {home[d.Descriptor.Kind].NameplatePowerW} W; the node may reject some of its readings");
            }

            var gate = new Lock();
            void Log(string line)
            {
                lock (gate)
                {
                    Console.WriteLine($"{DateTimeOffset.UtcNow:HH:mm:ss} {line}");
                }
            }

            var runs = peers.Select(p => RunPeerAsync(p, home, period, Log, cancel)).ToList();
            runs.Add(AdvanceAsync(home, period, cancel));
            await Task.WhenAll(runs).ConfigureAwait(false);
            return 0;
        }, cancel));
        return command;
    }

    private static List<IHomePeer> Plan(GatewayConfig config, string ocppProtocol)
    {
        static PeerDevice Device(ConfiguredDevice d) => new(d.Descriptor.Name, d.Descriptor.Kind, d.Descriptor.NameplatePowerW);
        var peers = new List<IHomePeer>();
        // Peers listen on loopback: endpoints on other hosts with the same port share one server, one map per unit id.
        foreach (var endpoint in config.DevicesOf("sunspec").GroupBy(d => d.Entry.Port ?? 502))
        {
            peers.Add(new SunSpecEndpointPeer(endpoint.Key, [.. endpoint.Select(d => ((byte)(d.Entry.Unit ?? 1), Device(d))).DistinctBy(u => u.Item1)]));
        }

        foreach (var d in config.DevicesOf("p1").Where(d => d.Entry.Port is not null))
        {
            peers.Add(new P1MeterPeer(d.Entry.Port!.Value, Device(d)));
        }

        var ocpp = config.File.Ocpp;
        var csmsHost = ocpp.Bind is "0.0.0.0" or "::" ? "127.0.0.1" : ocpp.Bind;
        foreach (var d in config.DevicesOf("ocpp"))
        {
            peers.Add(new OcppStationPeer($"ws://{csmsHost}:{ocpp.Port}/ocpp", d.Entry.StationId!, ocppProtocol, Device(d), d.Entry.Password));
        }

        if (config.Adapters.Mqtt is { } mqtt)
        {
            var broker = mqtt.Broker ?? new MqttBrokerOptions("127.0.0.1", mqtt.EmbeddedBrokerPort);
            var byName = config.DevicesOf("mqtt").ToDictionary(d => d.Descriptor.Name, Device, StringComparer.Ordinal);
            peers.Add(new MqttDevicePeer(broker, [.. mqtt.Devices.Select(o => (o, byName[o.Name]))]));
        }

        return peers;
    }

    private static async Task RunPeerAsync(IHomePeer peer, SimulatedHomeModel home, TimeSpan period, Action<string> log, CancellationToken cancel)
    {
        while (!cancel.IsCancellationRequested)
        {
            try
            {
                await peer.RunAsync(home, period, log, cancel).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancel.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                log($"{peer.Description}: stopped ({e.Message}); restarting in 5 s");
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(5), cancel).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private static async Task AdvanceAsync(SimulatedHomeModel home, TimeSpan period, CancellationToken cancel)
    {
        try
        {
            while (!cancel.IsCancellationRequested)
            {
                await Task.Delay(period, cancel).ConfigureAwait(false);
                home.AdvanceTo(DateTimeOffset.UtcNow);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }
}
