using System.Net.Http.Json;
using OpenVpp.Core.Readings;
using OpenVpp.Core.Wire;
using OpenVpp.Gateway.Keystore;
using OpenVpp.Node.Api;

namespace OpenVpp.Cli.Demo;

/// <summary>
/// Plays the adversary and the faulty device: sends the node forged, replayed and out-of-range readings, built from
/// readings it really stored, and checks each is refused with the reason code it must get. Good readings from the
/// gateway keep flowing meanwhile; none of them may be lost because of these.
/// </summary>
internal sealed class FaultInjector(HttpClient http, string keystorePath)
{
    private readonly Dictionary<string, int> _injected = [];
    private readonly Dictionary<string, int> _detected = [];
    private readonly Dictionary<string, long> _rejected = [];

    public IReadOnlyDictionary<string, int> Injected => _injected;

    public IReadOnlyDictionary<string, int> DetectedAsExpected => _detected;

    /// <summary>Rejections the node answered to the injected readings, by reason code.</summary>
    public IReadOnlyDictionary<string, long> Rejected => _rejected;

    public long Sent { get; private set; }

    public void CountEvent(string kind) => _injected[kind] = _injected.GetValueOrDefault(kind) + 1;

    /// <summary>
    /// Sends one batch with <paramref name="perKind"/> faults of each reading kind, built from stored readings;
    /// false when the node holds no reading yet to build them from (try again later).
    /// </summary>
    public async Task<bool> InjectReadingsAsync(int perKind, DateTimeOffset now, CancellationToken cancel)
    {
        var stored = await RecentStoredReadingsAsync(perKind, now, cancel).ConfigureAwait(false);
        if (stored.Count == 0)
        {
            return false;
        }

        using var keystore = DeviceKeystore.Open(keystorePath);
        var batch = new List<(byte[] Bytes, string Expected)>();
        for (var i = 0; i < perKind; i++)
        {
            var original = stored[i % stored.Count];

            // Replay: the exact bytes again.
            batch.Add((original.Bytes, "duplicate"));

            // Forgery: one bit of the energy field changed after signing.
            var forged = (byte[])original.Bytes.Clone();
            forged[55] ^= 0x01;
            batch.Add((forged, "bad_signature"));

            // Faulty device: a correctly signed reading claiming ten times the nameplate energy in one minute.
            var device = keystore.Devices.FirstOrDefault(d => d.Id == original.Reading.DeviceId);
            if (device is not null)
            {
                var start = original.Reading.IntervalEnd;
                var absurd = original.Reading with
                {
                    Sequence = original.Reading.Sequence + 1_000_000_000UL + (ulong)i,
                    IntervalStart = start,
                    IntervalEnd = start + TimeSpan.FromMinutes(1),
                    EnergyImportedWh = 0,
                    EnergyExportedWh = Math.Max(1, device.Descriptor.NameplatePowerW) * 10,
                    AveragePowerW = 0,
                    PeakPowerW = 0,
                };
                var canonical = ReadingCodec.Encode(absurd);
                var signature = new byte[SignedReading.SignatureLength];
                device.Sign(canonical, signature);
                batch.Add((SignedReading.Combine(canonical, signature), "implausible"));
            }
        }

        var request = new IngestRequest([.. batch.Select(b => Convert.ToBase64String(b.Bytes))]);
        using var response = await http.PostAsJsonAsync("v1/readings", request, WireJsonContext.Default.IngestRequest, cancel).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        var answer = await response.Content.ReadFromJsonAsync(WireJsonContext.Default.IngestResponse, cancel).ConfigureAwait(false)
            ?? throw new InvalidOperationException("The node answered an ingest request with no body.");
        Sent += batch.Count;
        foreach (var result in answer.Results)
        {
            var expected = batch[result.Index].Expected;
            CountEvent(expected);
            if (result.Reason is { } reason)
            {
                _rejected[reason] = _rejected.GetValueOrDefault(reason) + 1;
                if (reason == expected)
                {
                    _detected[expected] = _detected.GetValueOrDefault(expected) + 1;
                }
            }
        }

        return true;
    }

    private async Task<IReadOnlyList<(byte[] Bytes, Reading Reading)>> RecentStoredReadingsAsync(int wanted, DateTimeOffset now, CancellationToken cancel)
    {
        var page = await http.GetFromJsonAsync($"v1/devices?offset=0&limit={Math.Max(wanted, 1)}", NodeJsonContext.Default.DevicePage, cancel).ConfigureAwait(false);
        var found = new List<(byte[], Reading)>();
        foreach (var device in page?.Items ?? [])
        {
            var from = Uri.EscapeDataString((now - TimeSpan.FromDays(2)).ToString("O", System.Globalization.CultureInfo.InvariantCulture));
            var to = Uri.EscapeDataString((now + TimeSpan.FromHours(1)).ToString("O", System.Globalization.CultureInfo.InvariantCulture));
            var list = await http.GetFromJsonAsync($"v1/devices/{device.DeviceId}/readings?from={from}&to={to}", NodeJsonContext.Default.ReadingList, cancel).ConfigureAwait(false);
            var latest = list is { Items.Count: > 0 } ? list.Items[^1] : null;
            if (latest is not null && HexBytes.TryParse(latest.SignedReading, out var bytes)
                && ReadingCodec.TryDecode(SignedReading.Canonical(bytes), out _) is { } reading)
            {
                found.Add((bytes, reading));
            }
        }

        return found;
    }
}
