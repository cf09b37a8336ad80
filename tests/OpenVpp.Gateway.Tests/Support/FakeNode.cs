using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenVpp.Core.Crypto;
using OpenVpp.Core.Devices;
using OpenVpp.Core.Readings;
using OpenVpp.Core.Wire;

namespace OpenVpp.Gateway.Tests.Support;

/// <summary>
/// A stand-in for the node, for these gateway unit tests ONLY: a tiny real Kestrel app on 127.0.0.1 implementing
/// POST /v1/devices and POST /v1/readings per the Wire contract (decode, verify signature, reject duplicates and
/// regressions, remember what it stored). It is not the node — the real node is tested on its own and used by the
/// integration tests. It can be told to answer 503, to store a batch but lose the answer, or be stopped and
/// started again on the same port with its memory intact.
/// </summary>
internal sealed class FakeNode : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly Dictionary<DeviceId, byte[]> _keys = [];
    private readonly Dictionary<(DeviceId, ulong), byte[]> _stored = [];
    private readonly Dictionary<DeviceId, ulong> _lastSequence = [];
    private readonly List<Reading> _storedInOrder = [];
    private WebApplication? _app;
    private bool _unavailable;
    private bool _loseAnswers;

    public Uri Url { get; private set; } = null!;

    public int Port { get; private set; }

    /// <summary>Answer every request with 503 Service Unavailable.</summary>
    public bool Unavailable { get => Volatile.Read(ref _unavailable); set => Volatile.Write(ref _unavailable, value); }

    /// <summary>Store the readings of a batch but answer 503, as if the answer was lost on the way back.</summary>
    public bool LoseAnswers { get => Volatile.Read(ref _loseAnswers); set => Volatile.Write(ref _loseAnswers, value); }

    /// <summary>Device names whose registration is answered but not kept, so their readings are unknown_device.</summary>
    public ConcurrentDictionary<string, bool> IgnoreRegistrationOfSite { get; } = new();

    /// <summary>Readings this returns a reason for are rejected with it.</summary>
    public Func<Reading, string?>? Reject { get; set; }

    public int DuplicatesAnswered { get; private set; }

    public int Requests { get; private set; }

    public int RegisteredCount
    {
        get { lock (_gate) { return _keys.Count; } }
    }

    public IReadOnlyList<Reading> Stored
    {
        get { lock (_gate) { return [.. _storedInOrder]; } }
    }

    public static async Task<FakeNode> StartAsync()
    {
        var node = new FakeNode();
        await node.StartOnAsync(0);
        return node;
    }

    /// <summary>Stops listening (connections are refused) but keeps what was stored.</summary>
    public async Task StopAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
            _app = null;
        }
    }

    /// <summary>Listens again on the same port.</summary>
    public Task RestartAsync() => StartOnAsync(Port);

    public async ValueTask DisposeAsync() => await StopAsync();

    private async Task StartOnAsync(int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        app.Use(async (context, next) =>
        {
            lock (_gate)
            {
                Requests++;
            }

            if (Unavailable)
            {
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                return;
            }

            await next(context);
        });
        app.MapPost("/v1/devices", RegisterAsync);
        app.MapPost("/v1/readings", IngestAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Url = new Uri(address);
        Port = Url.Port;
        _app = app;
    }

    private async Task<IResult> RegisterAsync(HttpRequest request)
    {
        var body = await JsonSerializer.DeserializeAsync(request.Body, WireJsonContext.Default.RegisterDevicesRequest);
        var results = new List<RegistrationResult>();
        for (var i = 0; i < body!.Devices.Count; i++)
        {
            var device = body.Devices[i];
            var key = Convert.FromHexString(device.PublicKey[2..]);
            var id = DeviceId.FromPublicKey(key);
            if (IgnoreRegistrationOfSite.ContainsKey(device.Site))
            {
                results.Add(new RegistrationResult(i, id.ToString(), "registered", null));
                continue;
            }

            lock (_gate)
            {
                var already = !_keys.TryAdd(id, key);
                results.Add(new RegistrationResult(i, id.ToString(), already ? "already_registered" : "registered", null));
            }
        }

        return Results.Json(new RegisterDevicesResponse(results), WireJsonContext.Default.RegisterDevicesResponse);
    }

    private async Task<IResult> IngestAsync(HttpRequest request)
    {
        var body = await JsonSerializer.DeserializeAsync(request.Body, WireJsonContext.Default.IngestRequest);
        var results = new List<IngestResult>();
        lock (_gate)
        {
            for (var i = 0; i < body!.Readings.Count; i++)
            {
                results.Add(Ingest(i, Convert.FromBase64String(body.Readings[i])));
            }
        }

        if (LoseAnswers)
        {
            return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
        }

        var accepted = results.Count(r => r.Status == "accepted");
        return Results.Json(new IngestResponse(accepted, results.Count - accepted, results), WireJsonContext.Default.IngestResponse);
    }

    private IngestResult Ingest(int index, byte[] bytes)
    {
        if (bytes.Length != SignedReading.Length || ReadingCodec.TryDecode(SignedReading.Canonical(bytes), out _) is not { } reading)
        {
            return new IngestResult(index, null, null, "rejected", "malformed", null, false);
        }

        IngestResult Reject(string reason, bool stored = false) =>
            new(index, reading.DeviceId.ToString(), reading.Sequence, "rejected", reason, null, stored);

        if (!_keys.TryGetValue(reading.DeviceId, out var key))
        {
            return Reject("unknown_device");
        }

        using (var ecdsa = P256Signature.ImportPublicKey(key))
        {
            if (!P256Signature.Verify(ecdsa, SignedReading.Canonical(bytes), SignedReading.Signature(bytes)))
            {
                return Reject("bad_signature");
            }
        }

        if (_stored.TryGetValue((reading.DeviceId, reading.Sequence), out var existing))
        {
            DuplicatesAnswered++;
            return Reject("duplicate", stored: existing.AsSpan().SequenceEqual(bytes));
        }

        if (_lastSequence.TryGetValue(reading.DeviceId, out var last) && reading.Sequence <= last)
        {
            return Reject("sequence_regression");
        }

        if (this.Reject?.Invoke(reading) is { } reason)
        {
            return Reject(reason);
        }

        _stored[(reading.DeviceId, reading.Sequence)] = bytes;
        _lastSequence[reading.DeviceId] = reading.Sequence;
        _storedInOrder.Add(reading);
        return new IngestResult(index, reading.DeviceId.ToString(), reading.Sequence, "accepted", null, null, true);
    }
}
