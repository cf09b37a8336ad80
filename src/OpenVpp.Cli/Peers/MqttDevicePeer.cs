using System.Globalization;
using System.Text.Json.Nodes;
using MQTTnet;
using OpenVpp.Gateway.Adapters.Mqtt;
using OpenVpp.Protocols.Mqtt;

namespace OpenVpp.Cli.Peers;

/// <summary>
/// Publishes the simulated home's devices to an MQTT broker exactly as the configuration's mappings (or presets) expect
/// to read them: a plain number where a mapping has no JSON path, otherwise a JSON object with the value at its path,
/// converted to the mapping's unit, scale and sign. Reconnects when the broker (often the gateway's embedded one) is
/// not up yet or goes away.
/// </summary>
internal sealed class MqttDevicePeer(MqttBrokerOptions broker, IReadOnlyList<(MqttDeviceOptions Options, PeerDevice Device)> devices) : IHomePeer
{
    public string Description => $"mqtt publisher -> {broker}: " + string.Join(", ", devices.Select(d => d.Device.Name));

    public async Task RunAsync(SimulatedHomeModel home, TimeSpan period, Action<string> log, CancellationToken cancel)
    {
        var resolved = devices.Select(d => (d.Device, Mappings: d.Options.ResolveMappings([]))).ToList();
        using var client = new MqttClientFactory().CreateMqttClient();
        var options = new MqttClientOptionsBuilder()
            .WithTcpServer(broker.Host, broker.Port)
            .WithClientId($"openvpp-peers-{Environment.ProcessId}")
            .WithCredentials(broker.Username, broker.Password)
            .Build();
        var wasConnected = false;
        while (!cancel.IsCancellationRequested)
        {
            if (!client.IsConnected)
            {
                try
                {
                    await client.ConnectAsync(options, cancel).ConfigureAwait(false);
                    log($"mqtt: connected to {broker}");
                    wasConnected = true;
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    if (wasConnected)
                    {
                        log($"mqtt: lost {broker} ({e.Message}); retrying");
                        wasConnected = false;
                    }

                    await Task.Delay(TimeSpan.FromSeconds(2), cancel).ConfigureAwait(false);
                    continue;
                }
            }

            foreach (var (device, mappings) in resolved)
            {
                foreach (var (topic, payload) in Payloads(home[device.Kind], mappings))
                {
                    await client.PublishStringAsync(topic, payload, cancellationToken: cancel).ConfigureAwait(false);
                }
            }

            await Task.Delay(period, cancel).ConfigureAwait(false);
        }

        await client.DisconnectAsync(cancellationToken: CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>One payload per topic; several mappings of one quantity (tariff registers) carry the value once.</summary>
    internal static IEnumerable<(string Topic, string Payload)> Payloads(HomeDeviceState s, IReadOnlyList<MqttReadingMapping> mappings)
    {
        var seen = new HashSet<MqttQuantity>();

        // A mapping may subscribe with wildcards; publish to one concrete topic it matches ('+' as "peer"), and skip
        // a multi-level '#' filter, which names no single topic.
        foreach (var topic in mappings.Where(m => !m.TopicFilter.Contains('#', StringComparison.Ordinal))
                     .GroupBy(m => m.TopicFilter.Replace("+", "peer", StringComparison.Ordinal)))
        {
            JsonObject? json = null;
            string? plain = null;
            foreach (var m in topic)
            {
                var value = seen.Add(m.Quantity) ? ValueIn(s, m) : 0;
                if (m.ValuePath is null)
                {
                    plain = value.ToString("0.###", CultureInfo.InvariantCulture);
                    continue;
                }

                json ??= [];
                Place(json, m.ValuePath, value);
            }

            yield return (topic.Key, json?.ToJsonString() ?? plain ?? "0");
        }
    }

    private static double ValueIn(HomeDeviceState s, MqttReadingMapping m)
    {
        double reading = m.Quantity switch
        {
            MqttQuantity.EnergyImportRegister => 1_000_000 + s.ImportedWh,
            MqttQuantity.EnergyExportRegister => 1_000_000 + s.ExportedWh,
            MqttQuantity.Power => s.PowerW,
            MqttQuantity.StateOfCharge => s.StateOfChargeBp ?? 0,
            _ => 10_000,
        };
        if (m.Invert)
        {
            reading = -reading;
        }

        // The inverse of what the adapter does: reading unit -> the mapping's unit, before its scale.
        return reading / MqttUnits.ToReadingUnit(1, m.Unit) / m.Scale;
    }

    /// <summary>Puts <paramref name="value"/> at a dotted path ($.ENERGY.Power); bracketed paths are not produced.</summary>
    private static void Place(JsonObject root, string path, double value)
    {
        var parts = path.TrimStart('$').TrimStart('.').Split('.');
        var node = root;
        for (var i = 0; i < parts.Length - 1; i++)
        {
            if (node[parts[i]] is not JsonObject child)
            {
                child = [];
                node[parts[i]] = child;
            }

            node = child;
        }

        node[parts[^1]] = Math.Round(value, 3);
    }
}
