using OpenVpp.Cli.Verification;
using OpenVpp.Core.Devices;
using OpenVpp.Core.Readings;
using OpenVpp.Gateway.Outbox;
using OpenVpp.Core.Wire;

namespace OpenVpp.Cli.Demo;

/// <summary>
/// The demo's after-the-fact checks, made only from what an outsider can see: the node's epoch exports and
/// registry, and the gateway's own outbox. Nothing here trusts the processes' in-memory counters.
/// </summary>
internal static class DemoAudit
{
    public sealed record NodeSide(IReadOnlyList<DemoEpoch> Epochs, HashSet<string> Stored, DemoEnergy Energy);

    public sealed record GatewaySide(IReadOnlyList<byte[]> Valid, IReadOnlyDictionary<string, long> RejectedByReason);

    public static async Task<NodeSide> CollectAsync(NodeClient client, long lastEpoch, CancellationToken cancel)
    {
        var devices = await client.GetAllDevicesAsync(cancel).ConfigureAwait(false);
        var keys = NodeClient.KeysOf(devices);
        var kinds = devices.ToDictionary(d => DeviceId.Parse(d.DeviceId), d => DeviceKindNames.TryParse(d.Kind, out var k) ? k : 0);
        var epochs = new List<DemoEpoch>();
        var stored = new HashSet<string>(StringComparer.Ordinal);
        var energy = new EnergyTally();
        for (var index = 0L; index <= lastEpoch; index++)
        {
            var export = await client.GetEpochExportAsync(index, cancel).ConfigureAwait(false);
            if (export is null)
            {
                continue;
            }

            var verification = EpochVerifier.Verify(export, export.Epoch.Root, keys);
            epochs.Add(new DemoEpoch(index, export.Epoch.Start, export.Epoch.End, export.Epoch.ReadingCount, export.Epoch.Root, verification.Match));
            foreach (var hex in export.Readings)
            {
                if (!HexBytes.TryParse(hex, out var bytes) || ReadingCodec.TryDecode(SignedReading.Canonical(bytes), out _) is not { } reading)
                {
                    continue;
                }

                stored.Add(Convert.ToHexString(bytes));
                energy.Add(kinds.GetValueOrDefault(reading.DeviceId), reading);
            }
        }

        return new NodeSide(epochs, stored, energy.ToReport());
    }

    public static async Task<GatewaySide> ReadProducedAsync(string gatewayDir, CancellationToken cancel)
    {
        await using var outbox = OutboxStore.Open(Path.Combine(gatewayDir, OutboxStore.FileName));
        var valid = new List<byte[]>();
        foreach (var row in await outbox.ReadAllAsync(cancel).ConfigureAwait(false))
        {
            if (row.Result is null || OutboxResults.IsDelivered(row.Result))
            {
                valid.Add(row.SignedBytes);
            }
        }

        var counts = await outbox.CountAsync(cancel).ConfigureAwait(false);
        return new GatewaySide(valid, counts.RejectedByReason);
    }

    public static async Task<bool> IsDrainedAsync(string gatewayDir, DateTimeOffset end, CancellationToken cancel)
    {
        var path = Path.Combine(gatewayDir, OutboxStore.FileName);
        if (!File.Exists(path))
        {
            return false;
        }

        await using var outbox = OutboxStore.Open(path);
        var cursor = await outbox.ReadCursorAsync(cancel).ConfigureAwait(false);
        var producedToEnd = cursor.LastIntervalStart is { } last && cursor.Interval is { } step && last + step >= end;
        return producedToEnd && await outbox.CountPendingAsync(cancel).ConfigureAwait(false) == 0;
    }

    /// <summary>Sums stored readings by what the device is.</summary>
    private sealed class EnergyTally
    {
        private long _generated, _load, _ev, _imported, _exported, _charged, _discharged;

        public void Add(DeviceKind kind, Reading reading)
        {
            switch (kind)
            {
                case DeviceKind.SolarInverter:
                    _generated += reading.EnergyExportedWh;
                    _load += reading.EnergyImportedWh; // standby at night is consumption too
                    break;
                case DeviceKind.HouseholdLoad:
                    _load += reading.EnergyImportedWh;
                    break;
                case DeviceKind.EvCharger:
                    _ev += reading.EnergyImportedWh;
                    break;
                case DeviceKind.Battery:
                    _charged += reading.EnergyImportedWh;
                    _discharged += reading.EnergyExportedWh;
                    break;
                case DeviceKind.GridMeter:
                    _imported += reading.EnergyImportedWh;
                    _exported += reading.EnergyExportedWh;
                    break;
            }
        }

        public DemoEnergy ToReport()
        {
            var consumed = _load + _ev;
            var gridNet = _imported - _exported;
            var behindMeterNet = consumed + _charged - _discharged - _generated;
            var throughput = Math.Max(1, _imported + _exported);
            var error = Math.Abs(gridNet - behindMeterNet) / (double)throughput;
            return new DemoEnergy(_generated, consumed, _imported, _exported, _charged, _discharged, Math.Round(error, 9));
        }
    }
}
