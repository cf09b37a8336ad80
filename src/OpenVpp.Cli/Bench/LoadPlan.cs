using OpenVpp.Core.Crypto;
using OpenVpp.Core.Devices;
using OpenVpp.Core.Readings;

namespace OpenVpp.Cli.Bench;

/// <summary>
/// Signed readings for a load test, made before the clock starts: one grid meter per device key, consecutive
/// 15-minute intervals ending before now, sequences ascending. Devices are split into lanes; each lane's
/// batches keep its devices' sequences in order, so lanes can be sent concurrently without regressions.
/// </summary>
internal sealed class LoadPlan
{
    public const long MeterNameplateW = 20_000;

    private LoadPlan(IReadOnlyList<P256DeviceKey> keys, IReadOnlyList<IReadOnlyList<byte[][]>> lanes)
    {
        Keys = keys;
        Lanes = lanes;
    }

    public IReadOnlyList<P256DeviceKey> Keys { get; }

    /// <summary>Per lane, its batches in send order; each batch is a list of 140-byte signed readings.</summary>
    public IReadOnlyList<IReadOnlyList<byte[][]>> Lanes { get; }

    public static LoadPlan Create(int readings, int devices, int batchSize, int lanes, DateTimeOffset now)
    {
        var keys = Enumerable.Range(0, devices).Select(_ => P256DeviceKey.Create()).ToArray();
        var perDevice = (readings + devices - 1) / devices;
        var interval = TimeSpan.FromMinutes(15);
        var firstStart = now - (interval * (perDevice + 1));

        // Sign device by device on all cores; reading k of device d lands at [d][k].
        var signed = new byte[devices][][];
        Parallel.For(0, devices, d =>
        {
            var count = (readings / devices) + (d < readings % devices ? 1 : 0);
            signed[d] = new byte[count][];
            var canonical = new byte[ReadingCodec.Length];
            for (var k = 0; k < count; k++)
            {
                var start = firstStart + (interval * k);
                var importWh = 100 + ((d * 7) + k) % 900;
                var reading = new Reading(keys[d].Id, (ulong)k + 1, start, start + interval, importWh, 0, (int)(-importWh * 4), (int)(importWh * 6), null, null, ReadingStatus.None);
                ReadingCodec.Encode(reading, canonical);
                signed[d][k] = SignedReading.Combine(canonical, keys[d].Sign(canonical));
            }
        });

        var laneBatches = new List<IReadOnlyList<byte[][]>>();
        for (var lane = 0; lane < lanes; lane++)
        {
            var laneDevices = Enumerable.Range(0, devices).Where(d => d % lanes == lane).ToArray();
            var ordered = new List<byte[]>();
            var depth = laneDevices.Length == 0 ? 0 : laneDevices.Max(d => signed[d].Length);
            for (var k = 0; k < depth; k++)
            {
                foreach (var d in laneDevices)
                {
                    if (k < signed[d].Length)
                    {
                        ordered.Add(signed[d][k]);
                    }
                }
            }

            laneBatches.Add(ordered.Chunk(batchSize).ToArray());
        }

        return new LoadPlan(keys, laneBatches);
    }

    public static readonly DeviceKind Kind = DeviceKind.GridMeter;
}
