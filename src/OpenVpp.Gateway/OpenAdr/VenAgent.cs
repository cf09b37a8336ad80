using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenVpp.Core.Devices;
using OpenVpp.Gateway.Adapters;
using OpenVpp.Gateway.DemandResponse;
using OpenVpp.Gateway.Producer;

namespace OpenVpp.Gateway.OpenAdr;

/// <summary>
/// The gateway as an OpenADR 3.1 VEN. It does four things:
/// <list type="bullet">
/// <item>registers its ven, and a resource per controllable device (battery, EV charger, PV inverter) named as the device;</item>
/// <item>fetches the events targeted at those resources every <see cref="VenOptions.PollInterval"/>;</item>
/// <item>turns their DISPATCH_SETPOINT intervals into <see cref="DispatchInstructions"/> for the executor;</item>
/// <item>after each metering interval, reports each dispatched device's measured demand (kW) on the event.</item>
/// </list>
/// VTN trouble never stops the gateway: it is logged and retried.
/// </summary>
public sealed partial class VenAgent : BackgroundService, IIntervalCommitObserver
{
    private readonly VtnConnection _vtn;
    private readonly VenOptions _options;
    private readonly DispatchInstructions _instructions;
    private readonly TimeProvider _time;
    private readonly ILogger<VenAgent> _logger;
    private readonly Dictionary<string, DeviceKind> _controllable;
    private readonly Dictionary<string, long> _nameplateW;
    private readonly Dictionary<string, (string Region, string Site)> _placement;

    /// <summary>Private resource attribute naming the device's grid region.</summary>
    public const string RegionAttribute = "OPENVPP_REGION";

    /// <summary>Private resource attribute naming the device's site (home).</summary>
    public const string SiteAttribute = "OPENVPP_SITE";

    /// <summary>Private resource attribute with the device's id (its public key hash), which the node's registry and readings know it by.</summary>
    public const string DeviceIdAttribute = "OPENVPP_DEVICE_ID";
    private readonly Func<string, string?> _deviceIdOf;
    private readonly Channel<CommittedInterval> _committed = Channel.CreateBounded<CommittedInterval>(new BoundedChannelOptions(64) { FullMode = BoundedChannelFullMode.DropOldest });
    private readonly HashSet<string> _knownEvents = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IReadOnlyList<DeviceInstruction>> _byEvent = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _wake = new(0);
    private VenNotificationListener? _listener;

    public VenAgent(VtnConnection vtn, VenOptions options, DispatchInstructions instructions, IEnumerable<IDeviceAdapter> adapters, TimeProvider time, ILogger<VenAgent> logger, Func<string, string?>? deviceIdOf = null)
    {
        _deviceIdOf = deviceIdOf ?? (_ => null);
        _vtn = vtn;
        _options = options;
        _instructions = instructions;
        _time = time;
        _logger = logger;
        _controllable = adapters.SelectMany(a => a.Devices)
            .Where(d => d.Descriptor.Kind is DeviceKind.Battery or DeviceKind.EvCharger or DeviceKind.SolarInverter)
            .ToDictionary(d => d.Descriptor.Name, d => d.Descriptor.Kind, StringComparer.Ordinal);
        _placement = adapters.SelectMany(a => a.Devices)
            .Where(d => _controllable.ContainsKey(d.Descriptor.Name))
            .ToDictionary(d => d.Descriptor.Name, d => (d.Descriptor.Region, d.Descriptor.Site), StringComparer.Ordinal);
        _nameplateW = adapters.SelectMany(a => a.Devices)
            .Where(d => _controllable.ContainsKey(d.Descriptor.Name))
            .ToDictionary(d => d.Descriptor.Name, d => d.Descriptor.NameplatePowerW, StringComparer.Ordinal);
    }

    /// <summary>The ven's id at the VTN, once registered.</summary>
    public string? VenId { get; private set; }

    /// <summary>Reports sent so far (for status and tests).</summary>
    public int ReportsSent { get; private set; }

    /// <summary>The subscription's id at the VTN, once subscribed (null when polling only).</summary>
    public string? SubscriptionId { get; private set; }

    /// <summary>Webhook notifications received so far.</summary>
    public int NotificationsReceived => _listener?.Received ?? 0;

    /// <summary>
    /// Subscribes this ven to event changes at <paramref name="callbackUrl"/> (replacing its earlier subscription,
    /// whose listener address and token are gone after a restart); returns the subscription id.
    /// </summary>
    public async Task<string> SubscribeAsync(Uri callbackUrl, string bearerToken, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(callbackUrl);
        var (_, found) = await _vtn.SendAsync(HttpMethod.Get, $"/subscriptions?clientName={Uri.EscapeDataString(_options.VenName)}", null, cancellationToken).ConfigureAwait(false);
        var existing = (found as JsonArray)?.FirstOrDefault(s => s?["clientName"]?.GetValue<string>() == _options.VenName);
        var body = new JsonObject
        {
            ["clientName"] = _options.VenName,

            // A VEN sees a targeted event only through targets it names, in a query or here.
            ["targets"] = new JsonArray([.. _controllable.Keys.Order(StringComparer.Ordinal).Select(name => JsonValue.Create(name))]),
            ["objectOperations"] = new JsonArray(new JsonObject
            {
                ["objects"] = new JsonArray("EVENT"),
                ["operations"] = new JsonArray("CREATE", "UPDATE", "DELETE"),
                ["callbackUrl"] = callbackUrl.ToString(),
                ["bearerToken"] = bearerToken,
            }),
        };
        var (status, answer) = existing is null
            ? await _vtn.SendAsync(HttpMethod.Post, "/subscriptions", body, cancellationToken).ConfigureAwait(false)
            : await _vtn.SendAsync(HttpMethod.Put, $"/subscriptions/{Uri.EscapeDataString(existing["id"]!.GetValue<string>())}", body, cancellationToken).ConfigureAwait(false);
        if (status is not (HttpStatusCode.Created or HttpStatusCode.OK) || answer?["id"]?.GetValue<string>() is not { } id)
        {
            throw new VtnRefusedException($"the VTN refused the subscription ({(int)status}: {answer?["detail"]})");
        }

        SubscriptionId = id;
        LogSubscribed(_logger, id, callbackUrl);
        return id;
    }

    public void OnIntervalCommitted(CommittedInterval interval) => _committed.Writer.TryWrite(interval);

    /// <summary>Finds or creates the ven and one resource per controllable device; returns the ven id.</summary>
    public async Task<string> RegisterAsync(CancellationToken cancellationToken)
    {
        var name = Uri.EscapeDataString(_options.VenName);
        var (_, found) = await _vtn.SendAsync(HttpMethod.Get, $"/vens?venName={name}", null, cancellationToken).ConfigureAwait(false);
        var ven = (found as JsonArray)?.FirstOrDefault(v => v?["venName"]?.GetValue<string>() == _options.VenName);
        if (ven is null)
        {
            var (status, created) = await _vtn.SendAsync(HttpMethod.Post, "/vens", new JsonObject { ["objectType"] = "VEN_VEN_REQUEST", ["venName"] = _options.VenName }, cancellationToken).ConfigureAwait(false);
            ven = status == HttpStatusCode.Created ? created : throw new VtnRefusedException($"the VTN refused ven '{_options.VenName}' ({(int)status}: {created?["detail"]})");
        }

        var venId = ven!["id"]!.GetValue<string>();
        var existing = new HashSet<string>(StringComparer.Ordinal);
        for (var skip = 0; ; skip += 50)
        {
            var (_, page) = await _vtn.SendAsync(HttpMethod.Get, $"/resources?venID={Uri.EscapeDataString(venId)}&skip={skip}&limit=50", null, cancellationToken).ConfigureAwait(false);
            var items = page as JsonArray ?? [];
            existing.UnionWith(items.Select(r => r?["resourceName"]?.GetValue<string>() ?? ""));
            if (items.Count < 50)
            {
                break;
            }
        }

        foreach (var (device, _) in _controllable.Where(d => !existing.Contains(d.Key)))
        {
            var (status, answer) = await _vtn.SendAsync(HttpMethod.Post, "/resources", new JsonObject
            {
                ["objectType"] = "VEN_RESOURCE_REQUEST",
                ["resourceName"] = device,
                ["venID"] = venId,
                ["attributes"] = Attributes(device),
            }, cancellationToken).ConfigureAwait(false);
            if (status != HttpStatusCode.Created)
            {
                LogResourceRefused(_logger, device, (int)status, answer?["detail"]?.ToString() ?? "");
            }
        }

        VenId = venId;
        LogRegistered(_logger, _options.VenName, venId, _controllable.Count);
        return venId;
    }

    /// <summary>Fetches the events targeted at this gateway's resources and hands their setpoints to the executor.</summary>
    public async Task<int> SyncEventsAsync(CancellationToken cancellationToken)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var problems = new List<string>();

        // Targets travel in the query; a few hundred device names per request keep it well under URL limits.
        foreach (var chunk in _controllable.Keys.Chunk(100))
        {
            var targets = string.Join(',', chunk.Select(Uri.EscapeDataString));
            for (var skip = 0; ; skip += 50)
            {
                var (status, page) = await _vtn.SendAsync(HttpMethod.Get, $"/events?targets={targets}&skip={skip}&limit=50", null, cancellationToken).ConfigureAwait(false);
                if (status != HttpStatusCode.OK || page is not JsonArray events)
                {
                    throw new HttpRequestException($"the VTN answered {(int)status} to the event search");
                }

                foreach (var ev in events.OfType<JsonObject>())
                {
                    var id = ev["id"]!.GetValue<string>();
                    seen.Add(id);
                    var instructions = DispatchEvents.Read(ev, name => _controllable.TryGetValue(name, out var kind) ? kind : null, problems);
                    // An event may target devices in several chunks: this chunk's answer replaces only this chunk's devices.
                    List<DeviceInstruction> merged = _byEvent.TryGetValue(id, out var held) ? [.. held.Where(i => !chunk.Contains(i.DeviceName)), .. instructions] : [.. instructions];
                    _byEvent[id] = merged;
                    _instructions.Replace(id, merged);
                    if (_knownEvents.Add(id))
                    {
                        LogEvent(_logger, id, merged.Count);
                    }
                }

                if (events.Count < 50)
                {
                    break;
                }
            }
        }

        foreach (var gone in _knownEvents.Where(id => !seen.Contains(id)).ToList())
        {
            _knownEvents.Remove(gone);
            _byEvent.Remove(gone);
            _instructions.Cancel(gone);
            LogEventGone(_logger, gone);
        }

        foreach (var problem in problems.Distinct())
        {
            LogEventProblem(_logger, problem);
        }

        return seen.Count;
    }

    /// <summary>Reports the measured demand of every device an event dispatched during <paramref name="interval"/>.</summary>
    public async Task<int> ReportAsync(CommittedInterval interval, CancellationToken cancellationToken)
    {
        var sent = 0;
        foreach (var (eventId, instructions) in _byEvent)
        {
            var dispatched = instructions.Where(i => i.Start < interval.End && interval.Start < i.End).Select(i => i.DeviceName).ToHashSet(StringComparer.Ordinal);
            var readings = interval.Readings.Where(r => dispatched.Contains(r.DeviceName)).ToList();
            if (readings.Count == 0)
            {
                continue;
            }

            var start = interval.Start.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            var duration = System.Xml.XmlConvert.ToString(interval.End - interval.Start);
            var report = new JsonObject
            {
                ["eventID"] = eventId,
                ["clientName"] = _options.VenName,
                ["reportName"] = $"{_options.VenName} demand {start}",
                ["payloadDescriptors"] = new JsonArray(new JsonObject
                {
                    ["objectType"] = "REPORT_PAYLOAD_DESCRIPTOR",
                    ["payloadType"] = "DEMAND",
                    ["readingType"] = "DIRECT_READ",
                    ["units"] = "KW",
                }),
                ["resources"] = new JsonArray([.. readings.Select(r => (JsonNode)new JsonObject
                {
                    ["resourceName"] = r.DeviceName,
                    ["intervalPeriod"] = new JsonObject { ["start"] = start, ["duration"] = duration },
                    ["intervals"] = new JsonArray(new JsonObject
                    {
                        ["id"] = 0,
                        // Demand is consumption: the reading's average power is positive when delivering, so negate it.
                        ["payloads"] = new JsonArray(new JsonObject { ["type"] = "DEMAND", ["values"] = new JsonArray(-r.Reading.AveragePowerW / 1_000.0) }),
                    }),
                })]),
            };
            var (status, answer) = await _vtn.SendAsync(HttpMethod.Post, "/reports", report, cancellationToken).ConfigureAwait(false);
            if (status == HttpStatusCode.Created)
            {
                sent++;
                ReportsSent++;
            }
            else
            {
                LogReportRefused(_logger, eventId, (int)status, answer?["detail"]?.ToString() ?? "");
            }
        }

        return sent;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var backoff = new Uplink.ExponentialBackoff(TimeSpan.FromSeconds(2), TimeSpan.FromMinutes(2));
        while (!stoppingToken.IsCancellationRequested && VenId is null)
        {
            try
            {
                await RegisterAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpRequestException or VtnRefusedException or TaskCanceledException && !stoppingToken.IsCancellationRequested)
            {
                var delay = backoff.Next();
                LogVtnTrouble(_logger, e.Message, delay);
                await Task.Delay(delay, _time, stoppingToken).ConfigureAwait(false);
            }
        }

        if (_options.CallbackListenUrl is { } listen)
        {
            try
            {
                _listener = await VenNotificationListener.StartAsync(listen, (objectType, _) =>
                {
                    if (objectType == "EVENT" && _wake.CurrentCount == 0)
                    {
                        _wake.Release();
                    }
                }, stoppingToken).ConfigureAwait(false);
                await SubscribeAsync(_listener.CallbackUrl, _listener.BearerToken, stoppingToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpRequestException or VtnRefusedException or IOException && !stoppingToken.IsCancellationRequested)
            {
                LogVtnTrouble(_logger, $"no webhook subscription, polling only: {e.Message}", _options.PollInterval);
            }
        }

        var reports = Task.Run(() => ReportLoopAsync(stoppingToken), stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await SyncEventsAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpRequestException or VtnRefusedException or TaskCanceledException && !stoppingToken.IsCancellationRequested)
            {
                LogVtnTrouble(_logger, e.Message, _options.PollInterval);
            }

            try
            {
                // A notification wakes the loop at once; the poll interval is the fallback.
                using var timeout = new CancellationTokenSource(_options.PollInterval, _time);
                using var linked = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, timeout.Token);
                await _wake.WaitAsync(linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
            {
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        await reports.ConfigureAwait(false);
        if (_listener is not null)
        {
            await _listener.DisposeAsync().ConfigureAwait(false);
        }
    }

    public override void Dispose()
    {
        _wake.Dispose();
        base.Dispose();
    }

    private async Task ReportLoopAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var interval in _committed.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    await ReportAsync(interval, stoppingToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is HttpRequestException or VtnRefusedException or TaskCanceledException && !stoppingToken.IsCancellationRequested)
                {
                    LogVtnTrouble(_logger, e.Message, TimeSpan.Zero);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    // The spec's resource attributes, in kW: a battery both ways, a charger only consumes, an inverter only exports.
    private JsonArray Attributes(string device)
    {
        var kind = _controllable[device];
        var kw = _nameplateW[device] / 1_000.0;
        var attributes = new JsonArray();
        if (kind is DeviceKind.Battery or DeviceKind.EvCharger)
        {
            attributes.Add(new JsonObject { ["type"] = "MAX_POWER_CONSUMPTION", ["values"] = new JsonArray(kw) });
        }

        if (kind is DeviceKind.Battery or DeviceKind.SolarInverter)
        {
            attributes.Add(new JsonObject { ["type"] = "MAX_POWER_EXPORT", ["values"] = new JsonArray(kw) });
        }

        attributes.Add(new JsonObject { ["type"] = "DESCRIPTION", ["values"] = new JsonArray($"{kind} {device}") });

        // Private attributes (the spec allows privately defined strings): the node's dispatcher groups resources by
        // region and site, which the spec's numeric LOCATION/AREA cannot name.
        var (region, site) = _placement[device];
        attributes.Add(new JsonObject { ["type"] = RegionAttribute, ["values"] = new JsonArray(region) });
        attributes.Add(new JsonObject { ["type"] = SiteAttribute, ["values"] = new JsonArray(site) });
        if (_deviceIdOf(device) is { } id)
        {
            attributes.Add(new JsonObject { ["type"] = DeviceIdAttribute, ["values"] = new JsonArray(id) });
        }

        return attributes;
    }

    [LoggerMessage(810, LogLevel.Information, "OpenADR: registered as ven {VenName} ({VenId}) with {Devices} controllable devices as resources")]
    private static partial void LogRegistered(ILogger logger, string venName, string venId, int devices);

    [LoggerMessage(811, LogLevel.Information, "OpenADR: event {EventId} dispatches {Instructions} device intervals here")]
    private static partial void LogEvent(ILogger logger, string eventId, int instructions);

    [LoggerMessage(812, LogLevel.Information, "OpenADR: event {EventId} is gone from the VTN; its devices return to their own control")]
    private static partial void LogEventGone(ILogger logger, string eventId);

    [LoggerMessage(813, LogLevel.Warning, "OpenADR: {Problem}")]
    private static partial void LogEventProblem(ILogger logger, string problem);

    [LoggerMessage(814, LogLevel.Warning, "OpenADR: the VTN is unreachable or refused ({Error}); retrying in {RetryIn}. Devices keep their current instructions meanwhile")]
    private static partial void LogVtnTrouble(ILogger logger, string error, TimeSpan retryIn);

    [LoggerMessage(815, LogLevel.Warning, "OpenADR: the VTN refused resource {Device} ({Status}: {Detail}); it cannot be dispatched")]
    private static partial void LogResourceRefused(ILogger logger, string device, int status, string detail);

    [LoggerMessage(817, LogLevel.Information, "OpenADR: subscribed to event changes ({SubscriptionId}) with webhook {CallbackUrl}")]
    private static partial void LogSubscribed(ILogger logger, string subscriptionId, Uri callbackUrl);

    [LoggerMessage(816, LogLevel.Warning, "OpenADR: the VTN refused a report on event {EventId} ({Status}: {Detail})")]
    private static partial void LogReportRefused(ILogger logger, string eventId, int status, string detail);
}
