using System.Globalization;
using System.Text.Json;
using OpenVpp.Core.Devices;
using OpenVpp.Protocols.SunSpec.Simulation;

namespace OpenVpp.Cli.Peers;

/// <summary>
/// A Modbus TCP server that is not ours (npm modbus-serial, tools/peers/sunspec-modbus-server.mjs) serving one SunSpec
/// register map per unit: an inverter as 1 + 101 + 120 + 123 (the classic models), a battery as 1 + 701 + 124 + 704
/// (the DER models), a meter as 1 + 203. Power and energy registers follow the simulated home.
/// </summary>
internal sealed class SunSpecEndpointPeer(int port, IReadOnlyList<(byte Unit, PeerDevice Device)> units) : IHomePeer
{
    // Lifetime registers start high, as on installed hardware, and because an accumulator at 0 means "not implemented".
    private const long LifetimeWh = 1_000_000;

    public string Description =>
        $"sunspec modbus tcp 127.0.0.1:{port}: " + string.Join(", ", units.Select(u => $"unit {u.Unit} {u.Device.Name} ({DescribeModels(u.Device.Kind)})"));

    public async Task RunAsync(SimulatedHomeModel home, TimeSpan period, Action<string> log, CancellationToken cancel)
    {
        var maps = units.ToDictionary(u => u.Unit, u => Build(u.Device));
        var mapPath = Path.Combine(Path.GetTempPath(), $"openvpp-sunspec-{Environment.ProcessId}-{port}.json");
        var json = new Dictionary<string, object>
        {
            ["units"] = maps.ToDictionary(m => m.Key.ToString(CultureInfo.InvariantCulture), m => (object)new Dictionary<string, object>
            {
                ["base"] = m.Value.BaseAddress,
                ["registers"] = m.Value.Build(),
            }),
        };
        await File.WriteAllTextAsync(mapPath, JsonSerializer.Serialize(json), cancel).ConfigureAwait(false);
        try
        {
            var (peer, ready) = await NodePeerProcess.StartAsync(
                PeerScripts.Find("sunspec-modbus-server.mjs"), ["--map", mapPath, "--port", port.ToString(CultureInfo.InvariantCulture)], cancel).ConfigureAwait(false);
            await using (peer.ConfigureAwait(false))
            {
                if (!ready.StartsWith("ready ", StringComparison.Ordinal))
                {
                    throw new InvalidOperationException($"the Modbus server on port {port} did not start: {ready}");
                }

                while (!cancel.IsCancellationRequested)
                {
                    foreach (var (unit, device) in units)
                    {
                        foreach (var (address, registers) in Updates(maps[unit], home[device.Kind], device.Kind))
                        {
                            await peer.SendAsync($"set {unit} {address} {string.Join(' ', registers)}").ConfigureAwait(false);
                            if (await peer.ReadLineAsync(cancel).ConfigureAwait(false) is not "ok")
                            {
                                throw new InvalidOperationException($"the Modbus server on port {port} stopped");
                            }
                        }
                    }

                    await Task.Delay(period, cancel).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            File.Delete(mapPath);
        }
    }

    private static string DescribeModels(DeviceKind kind) => kind switch
    {
        DeviceKind.Battery => "models 1, 701, 124, 704",
        DeviceKind.GridMeter => "models 1, 203",
        _ => "models 1, 101, 120, 123",
    };

    private static SunSpecMapBuilder Build(PeerDevice device)
    {
        var rating = (int)Math.Min(device.NameplatePowerW, short.MaxValue);
        var builder = new SunSpecMapBuilder(40000).Model(1, m => m
            .Text("Mn", "OpenVPP simulated home").Text("Md", device.Kind.ToString()).Text("Vr", "1.0").Text("SN", device.Name).Set("DA", 1));
        return device.Kind switch
        {
            DeviceKind.Battery => builder
                .Model(701, m => m.Set("ACType", 0).Set("W", 0).Set("W_SF", 0).Set("TotWhInj", LifetimeWh).Set("TotWhAbs", LifetimeWh).Set("TotWh_SF", 0))
                .Model(124, m => m.Set("WChaMax", rating).Set("WChaMax_SF", 0).Set("StorCtl_Mod", 0).Set("ChaState", 500).Set("ChaState_SF", -1)
                    .Set("InWRte", 0).Set("OutWRte", 0).Set("InOutWRte_SF", -1).Set("ChaSt", 4))
                .Model(704, m => m.Set("WSetEna", 0).Set("WSetMod", 1).Set("WSet", 0).Set("WSet_SF", 0).Set("WMaxLimPct_SF", 0)),
            DeviceKind.GridMeter => builder
                .Model(203, m => m.Set("W", 0).Set("W_SF", 0).Set("TotWhImp", LifetimeWh).Set("TotWhExp", LifetimeWh).Set("TotWh_SF", 0)
                    .Set("Hz", 5000).Set("Hz_SF", -2).Set("PhV", 2300).Set("V_SF", -1)),
            _ => builder
                .Model(101, m => m.Set("W", 0).Set("W_SF", 0).Set("WH", LifetimeWh).Set("WH_SF", 0).Set("Hz", 5000).Set("Hz_SF", -2).Set("St", 4))
                .Model(120, m => m.Set("DERTyp", 4).Set("WRtg", rating).Set("WRtg_SF", 0))
                .Model(123, m => m.Set("WMaxLimPct", 1000).Set("WMaxLimPct_SF", -1).Set("WMaxLim_Ena", 0).Set("Conn", 1)),
        };
    }

    private static IEnumerable<(ushort Address, ushort[] Registers)> Updates(SunSpecMapBuilder map, HomeDeviceState s, DeviceKind kind) => kind switch
    {
        // 701 counts W positive when injecting (discharging); 124 ChaState in 0.1 %.
        DeviceKind.Battery =>
        [
            map.Encode(701, "W", s.PowerW),
            map.Encode(701, "TotWhInj", LifetimeWh + s.ExportedWh),
            map.Encode(701, "TotWhAbs", LifetimeWh + s.ImportedWh),
            map.Encode(124, "ChaState", (s.StateOfChargeBp ?? 5000) / 10),
        ],

        // SunSpec meters count W positive on import; the home's state is positive on export.
        DeviceKind.GridMeter =>
        [
            map.Encode(203, "W", -s.PowerW),
            map.Encode(203, "TotWhImp", LifetimeWh + s.ImportedWh),
            map.Encode(203, "TotWhExp", LifetimeWh + s.ExportedWh),
        ],
        _ =>
        [
            map.Encode(101, "W", Math.Max(0, s.PowerW)),
            map.Encode(101, "WH", LifetimeWh + s.ExportedWh),
        ],
    };
}
