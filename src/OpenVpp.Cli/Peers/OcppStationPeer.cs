using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace OpenVpp.Cli.Peers;

/// <summary>
/// A charge point that is not ours (npm ocpp-rpc in strict mode, tools/peers/ocpp-station.mjs) connected to the
/// gateway's CSMS as the simulated home's EV charger: it boots, then sends MeterValues (energy register, power, the
/// car's state of charge) every period. When the CSMS is not up yet, or the connection drops, it connects again.
/// Charging profiles the CSMS sends are printed, so demand-response limits can be watched arriving. With a password
/// (the device's in the gateway config) it authenticates with HTTP Basic, as a charger on Security Profile 1 does.
/// </summary>
internal sealed class OcppStationPeer(string csmsUrl, string stationId, string protocol, PeerDevice device, string? password = null) : IHomePeer
{
    private const long LifetimeWh = 1_000_000;

    public string Description => $"ocpp {protocol} station {stationId} -> {csmsUrl}/{stationId}: {device.Name}";

    public async Task RunAsync(SimulatedHomeModel home, TimeSpan period, Action<string> log, CancellationToken cancel)
    {
        var script = PeerScripts.Find("ocpp-station.mjs");
        while (!cancel.IsCancellationRequested)
        {
            string[] args = password is null
                ? ["--url", csmsUrl, "--id", stationId, "--protocols", protocol]
                : ["--url", csmsUrl, "--id", stationId, "--protocols", protocol, "--password", password];
            var (peer, ready) = await NodePeerProcess.StartAsync(script, args, cancel).ConfigureAwait(false);
            await using (peer.ConfigureAwait(false))
            {
                if (ready.StartsWith("ready", StringComparison.Ordinal))
                {
                    log($"ocpp {stationId}: connected ({ready[6..]})");
                    await ServeAsync(peer, home, period, log, cancel).ConfigureAwait(false);
                }
                else if (ready.StartsWith("refused 401", StringComparison.Ordinal) || ready.StartsWith("refused 404", StringComparison.Ordinal))
                {
                    log($"ocpp {stationId}: {ready} (check the station id and password in the gateway config)");
                }
            }

            // Not up yet, refused, or dropped: try again shortly (a charger retries the same way).
            await Task.Delay(TimeSpan.FromSeconds(2), cancel).ConfigureAwait(false);
        }
    }

    private async Task ServeAsync(NodePeerProcess peer, SimulatedHomeModel home, TimeSpan period, Action<string> log, CancellationToken cancel)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        var events = WatchAsync(peer, log, stop);
        var v16 = protocol == "ocpp1.6";
        await CallAsync(peer, "BootNotification", v16
            ? new JsonObject { ["chargePointVendor"] = "OpenVPP", ["chargePointModel"] = "simulated-home" }
            : new JsonObject { ["reason"] = "PowerUp", ["chargingStation"] = new JsonObject { ["vendorName"] = "OpenVPP", ["model"] = "simulated-home" } }).ConfigureAwait(false);
        try
        {
            while (!stop.IsCancellationRequested)
            {
                var s = home[device.Kind];
                await CallAsync(peer, "MeterValues", MeterValues(v16, s, DateTimeOffset.UtcNow)).ConfigureAwait(false);
                await Task.Delay(period, stop.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
        {
            // The station's connection closed: reconnect.
        }
        catch (IOException)
        {
            // The script exited.
        }

        await stop.CancelAsync().ConfigureAwait(false);
        await events.ConfigureAwait(false);
    }

    private static JsonObject MeterValues(bool v16, HomeDeviceState s, DateTimeOffset now)
    {
        var chargingW = Math.Max(0, -s.PowerW);
        var time = now.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        if (v16)
        {
            var sampled = new JsonArray
            {
                new JsonObject { ["value"] = (LifetimeWh + s.ImportedWh).ToString(CultureInfo.InvariantCulture), ["measurand"] = "Energy.Active.Import.Register", ["unit"] = "Wh" },
                new JsonObject { ["value"] = chargingW.ToString(CultureInfo.InvariantCulture), ["measurand"] = "Power.Active.Import", ["unit"] = "W" },
            };
            if (s.StateOfChargeBp is { } soc)
            {
                sampled.Add(new JsonObject { ["value"] = (soc / 100).ToString(CultureInfo.InvariantCulture), ["measurand"] = "SoC", ["unit"] = "Percent" });
            }

            return new JsonObject { ["connectorId"] = 1, ["meterValue"] = new JsonArray { new JsonObject { ["timestamp"] = time, ["sampledValue"] = sampled } } };
        }

        var values = new JsonArray
        {
            new JsonObject { ["value"] = LifetimeWh + s.ImportedWh, ["measurand"] = "Energy.Active.Import.Register", ["unitOfMeasure"] = new JsonObject { ["unit"] = "Wh" } },
            new JsonObject { ["value"] = chargingW, ["measurand"] = "Power.Active.Import", ["unitOfMeasure"] = new JsonObject { ["unit"] = "W" } },
        };
        if (s.StateOfChargeBp is { } soc2)
        {
            values.Add(new JsonObject { ["value"] = soc2 / 100, ["measurand"] = "SoC", ["unitOfMeasure"] = new JsonObject { ["unit"] = "Percent" } });
        }

        return new JsonObject { ["evseId"] = 1, ["meterValue"] = new JsonArray { new JsonObject { ["timestamp"] = time, ["sampledValue"] = values } } };
    }

    private static Task CallAsync(NodePeerProcess peer, string action, JsonObject payload) =>
        peer.SendAsync(new JsonObject { ["cmd"] = "call", ["action"] = action, ["payload"] = payload, ["tag"] = action }.ToJsonString());

    private async Task WatchAsync(NodePeerProcess peer, Action<string> log, CancellationTokenSource stop)
    {
        try
        {
            while (await peer.ReadLineAsync(stop.Token).ConfigureAwait(false) is { } line)
            {
                using var doc = TryParse(line);
                var kind = doc is not null && doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("event", out var e) ? e.GetString() : null;
                switch (kind)
                {
                    case "csmsCall":
                        log($"ocpp {stationId}: the CSMS sent {doc!.RootElement.GetProperty("action").GetString()} {doc.RootElement.GetProperty("params").GetRawText()}");
                        break;
                    case "error" or "strictValidationFailure" or "badMessage":
                        log($"ocpp {stationId}: {line}");
                        break;
                    case "close":
                        log($"ocpp {stationId}: connection closed; reconnecting");
                        await stop.CancelAsync().ConfigureAwait(false);
                        return;
                }
            }

            await stop.CancelAsync().ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    private static JsonDocument? TryParse(string line)
    {
        try
        {
            return JsonDocument.Parse(line);
        }
        catch (JsonException)
        {
            // A line that is not an event (the script's own output).
            return null;
        }
    }
}
