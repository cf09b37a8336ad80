using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenVpp.Core.DemandResponse.Dispatch;
using OpenVpp.Core.Devices;
using OpenVpp.Core.Readings;
using OpenVpp.Node.OpenAdr;
using OpenVpp.Node.Registry;
using OpenVpp.Storage;
using OpenVpp.Storage.OpenAdr;

namespace OpenVpp.Node.DemandResponse;

/// <summary>
/// The node's side of demand response. On every tick (and on every VTN change) it:
/// <list type="number">
/// <item>grants each resource its own name as a target, so its VEN can see the per-device events addressed to it;</item>
/// <item>reads new operator events aimed at regions (<see cref="DrEventReader"/>);</item>
/// <item>one lead time before an event, builds the fleet from registry and readings, plans it (<see cref="DrPlanner"/>)
/// and writes one DISPATCH_SETPOINT event per dispatched device, targeted at its resource;</item>
/// <item>after the event, measures delivery from stored readings (<see cref="DrVerifier"/>) and reports BASELINE and
/// DELTA_USAGE on the operator's event.</item>
/// </list>
/// Each event's state is kept on disk at every step, so a restart resumes it.
/// </summary>
internal sealed partial class DemandResponseService : BackgroundService
{
    /// <summary>The node acts at its own VTN as business logic, under its own name.</summary>
    public static readonly OpenAdrPrincipal Principal = new("openvpp-node", OpenAdrRole.BusinessLogic, OpenAdrScopes.All);

    private readonly SqliteOpenAdrStore _store;
    private readonly OpenAdrVtn _vtn;
    private readonly DeviceRegistry _registry;
    private readonly IReadingStore _readings;
    private readonly DrFleetData _fleetData;
    private readonly DemandResponseOptions _options;
    private readonly DrStateStore _files;
    private readonly TimeProvider _time;
    private readonly ILogger<DemandResponseService> _logger;
    private readonly Dictionary<string, DrEventState> _states = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DrEventState> _published = new(StringComparer.Ordinal);
    private readonly HashSet<string> _notOurs = new(StringComparer.Ordinal);
    private HashSet<string> _regions = new(StringComparer.Ordinal);
    private long _regionsVersion = -1;
    private readonly SemaphoreSlim _wake = new(0);
    private readonly SemaphoreSlim _pass = new(1, 1);

    public DemandResponseService(SqliteOpenAdrStore store, OpenAdrVtn vtn, OpenAdrFeed feed, DeviceRegistry registry, IReadingStore readings, NodeOptions options, TimeProvider time, ILogger<DemandResponseService> logger)
    {
        _store = store;
        _vtn = vtn;
        _registry = registry;
        _readings = readings;
        _fleetData = new DrFleetData(registry, readings);
        _options = options.DemandResponse;
        _files = new DrStateStore(options.DataDir);
        _time = time;
        _logger = logger;
        foreach (var state in _files.LoadAll())
        {
            _states[state.EventId] = state;
            _published[state.EventId] = Clone(state);
        }

        // The feed runs inside the VTN's write lock: only wake the loop here, never write back.
        feed.Changed += change =>
        {
            if (change.ObjectType is "EVENT" or "RESOURCE" && _wake.CurrentCount == 0)
            {
                _wake.Release();
            }
        };
    }

    /// <summary>Whether the service runs (a disabled one holds no events that will ever settle).</summary>
    public bool Enabled => _options.Enabled;

    /// <summary>Every event the service holds, as last saved.</summary>
    public IReadOnlyList<DrEventState> Snapshot() => [.. _published.Values.OrderBy(s => s.Start).ThenBy(s => s.EventId, StringComparer.Ordinal)];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        LogStarted(_logger, _states.Count, _options.Lead);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await TickAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogTickFailed(_logger, e);
            }

            try
            {
                using var timeout = new CancellationTokenSource(_options.Tick, _time);
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
    }

    /// <summary>One pass over resources and events; public for tests, which drive the clock themselves.</summary>
    public async Task TickAsync(CancellationToken cancellationToken)
    {
        await _pass.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await PassAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _pass.Release();
        }
    }

    private async Task PassAsync(CancellationToken cancellationToken)
    {
        var resources = DrResource.ReadAll(_store);
        GrantTargets(resources);
        DiscoverEvents();
        var now = _time.GetUtcNow();
        foreach (var state in _states.Values.Where(s => !s.IsFinal).ToList())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_store.Get("EVENT", state.EventId) is null)
            {
                Cancel(state);
                continue;
            }

            if (state.Status == DrStatus.Scheduled && now >= state.Start - _options.Lead)
            {
                await DispatchAsync(state, resources, now, cancellationToken).ConfigureAwait(false);
            }

            if (state.Status == DrStatus.Dispatching)
            {
                WriteChildren(state);
            }

            if (state.Status == DrStatus.Dispatched && now >= state.Start + state.Interval && now < state.End)
            {
                await ObserveAsync(state, now, cancellationToken).ConfigureAwait(false);
            }

            if (state.Status == DrStatus.Dispatched && now >= state.End + state.Interval && await ReadyToMeasureAsync(state, now, cancellationToken).ConfigureAwait(false))
            {
                await MeasureAsync(state, now, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// A VEN sees an event only through targets BL granted it, so each fleet resource gets its own name. Resources
    /// that name no registered device are other VENs' business and are left as they are.
    /// </summary>
    private void GrantTargets(List<DrResource> resources)
    {
        foreach (var resource in resources.Where(r => r.DeviceId is { } id && _registry.Find(id) is not null))
        {
            if (resource.OwnTargetGrant() is not { } request)
            {
                continue;
            }

            var answer = _vtn.Replace(Principal, OpenAdrCollection.Resources, resource.Item.Id, request);
            if (answer.Problem is { } problem)
            {
                LogGrantFailed(_logger, resource.Name, problem);
            }
        }
    }

    private void DiscoverEvents()
    {
        var regions = KnownRegions();
        foreach (var item in _store.List("EVENT"))
        {
            if (_states.TryGetValue(item.Id, out var known) && known.Status != DrStatus.Scheduled)
            {
                continue;
            }

            // Scheduled events are read again each pass: the operator may change them until they are dispatched.
            var body = JsonNode.Parse(item.Body)!.AsObject();
            var version = item.Id + "@" + body["modificationDateTime"];
            if (known is null && _notOurs.Contains(version))
            {
                continue;
            }

            var (request, refusal) = DrEventReader.Read(body, _options.ReadingInterval, regions.Contains);
            if (request is null && refusal is null)
            {
                _notOurs.Add(version);
                continue;
            }

            if (known is not null && request is not null && Same(known, request))
            {
                continue;
            }

            var state = request is not null ? DrEventState.From(request) : new DrEventState
            {
                EventId = item.Id,
                ProgramId = item.ProgramId ?? "",
                Kind = DispatchTargetKind.Reduction,
                Regions = [],
                Start = default,
                Interval = _options.ReadingInterval,
                ValuesW = [],
                Status = DrStatus.Refused,
                Refusal = refusal,
            };
            if (request is not null && _time.GetUtcNow() > request.Start)
            {
                state.Status = DrStatus.Refused;
                state.Refusal = $"event {item.Id} reached the node after it started ({request.Start:O}); the fleet needs {_options.Lead} of lead time";
            }

            if (state.Status != DrStatus.Refused)
            {
                state.SettlesAt = state.End + _options.LateReadingAllowance;
            }

            if (state.Status == DrStatus.Refused)
            {
                LogRefused(_logger, item.Id, state.Refusal ?? "");
            }
            else
            {
                LogScheduled(_logger, item.Id, state.Kind, string.Join(",", state.Regions), state.Start, state.End);
            }

            Save(state);
        }
    }

    /// <summary>
    /// The regions the registry knows, derived again only when it changed. "Not ours" depends on them, and they grow
    /// as the chain indexer catches up: an event published for a region before its first device was indexed is read
    /// again once it is.
    /// </summary>
    private HashSet<string> KnownRegions()
    {
        // Read before the snapshot: a change in between shows as a new version on the next pass.
        var version = _registry.Version;
        if (version != _regionsVersion)
        {
            var regions = _registry.Snapshot().Select(d => d.Region).ToHashSet(StringComparer.Ordinal);
            if (!regions.SetEquals(_regions))
            {
                _notOurs.Clear();
            }

            _regions = regions;
            _regionsVersion = version;
        }

        return _regions;
    }

    private static bool Same(DrEventState known, DrEventRequest request) =>
        known.Kind == request.Kind && known.Start == request.Start && known.Regions.SequenceEqual(request.Regions) && known.ValuesW.SequenceEqual(request.ValuesW);

    private async Task DispatchAsync(DrEventState state, List<DrResource> resources, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var request = new DrEventRequest(state.EventId, state.ProgramId, state.Kind, state.Regions, state.Start, state.Interval, state.ValuesW);
        var (members, latest) = await _fleetData.OnlineMembersAsync(state, resources, now, cancellationToken).ConfigureAwait(false);
        var forecast = await _fleetData.ForecastWAsync(state, now, cancellationToken).ConfigureAwait(false);
        var (fleet, joined) = DrFleet.Build(request, members, latest, _options.BatteryReserveFraction);
        DrPlanner.Plan(state, request, fleet, joined, forecast);
        state.DispatchedAt = now;
        state.Status = DrStatus.Dispatching;
        Save(state);
        foreach (var region in state.RegionPlans)
        {
            var required = region.RequiredW.Average();
            var allocated = region.AllocatedW.Average();
            LogDispatched(_logger, state.EventId, region.Region, region.DeviceCount, required / 1_000, allocated / 1_000, Math.Max(0, required - allocated) / 1_000);
        }
    }

    /// <summary>Writes each dispatched device's DISPATCH_SETPOINT event; a restart finds the ones already written by name.</summary>
    private void WriteChildren(DrEventState state)
    {
        var existing = _store.List("EVENT", programId: state.ProgramId)
            .Select(e => JsonNode.Parse(e.Body)!)
            .Where(e => e["eventName"]?.GetValue<string>()?.StartsWith(DrEventReader.ChildPrefix + state.EventId + ":", StringComparison.Ordinal) == true)
            .ToDictionary(e => e["eventName"]!.GetValue<string>(), e => e["id"]!.GetValue<string>(), StringComparer.Ordinal);
        var failed = 0;
        foreach (var device in state.Devices.Where(d => d.ChildEventId is null))
        {
            var name = device.ChildEventName(state.EventId);
            if (existing.TryGetValue(name, out var id))
            {
                device.ChildEventId = id;
                continue;
            }

            var answer = _vtn.Create(Principal, OpenAdrCollection.Events, DrChildEvent.Build(state, device, name));
            if (answer.Body?["id"]?.GetValue<string>() is { } created)
            {
                device.ChildEventId = created;
            }
            else
            {
                failed++;
                LogChildFailed(_logger, state.EventId, device.ResourceName, answer.Problem ?? "");
            }
        }

        if (failed == 0)
        {
            state.Status = DrStatus.Dispatched;
        }

        Save(state);
    }

    /// <summary>After each event interval: look for drop-outs and under-delivery, and re-dispatch the intervals still to come.</summary>
    private async Task ObserveAsync(DrEventState state, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var slot = (int)((now - state.Start).Ticks / state.Interval.Ticks) - 1;
        if (slot <= state.LastObservedSlot || slot >= state.ValuesW.Count)
        {
            return;
        }

        var slotStart = state.Start + (state.Interval * slot);
        var slotEnd = slotStart + state.Interval;
        var readings = new Dictionary<string, IReadOnlyList<Reading>>(StringComparer.Ordinal);
        foreach (var device in state.Devices)
        {
            var stored = await _readings.GetByDeviceAsync(DeviceId.Parse(device.DeviceId), slotStart - state.Interval, slotEnd, 4, cancellationToken).ConfigureAwait(false);
            readings[device.DeviceId] = [.. stored.Select(s => s.Reading)];
        }

        // Readings travel for a moment after their interval ends: give them half an interval before calling anyone absent.
        if (now < slotEnd + (state.Interval / 2) && readings.Values.Any(r => r.All(x => x.IntervalStart != slotStart)))
        {
            return;
        }

        state.LastObservedSlot = slot;
        var firstSlot = (int)Math.Ceiling((now + (state.Interval / 2) - state.Start) / state.Interval);
        if (DrRedispatcher.Observe(state, slot, readings) && firstSlot < state.ValuesW.Count)
        {
            var changed = DrRedispatcher.Redispatch(state, firstSlot);
            foreach (var device in changed.Where(d => d.ChildEventId is not null))
            {
                var answer = _vtn.Replace(Principal, OpenAdrCollection.Events, device.ChildEventId!, DrChildEvent.Build(state, device, device.ChildEventName(state.EventId)));
                if (answer.Problem is { } problem)
                {
                    LogChildFailed(_logger, state.EventId, device.ResourceName, problem);
                }
            }

            var failing = string.Join(", ", state.Observations.Where(o => o.Slot == slot).Select(o => o.Dropped ? $"{o.DeviceId} dropped out" : $"{o.DeviceId} delivered {o.DeliveredW:F0} W"));
            LogRedispatched(_logger, state.EventId, slot, failing, changed.Count, firstSlot);
            if (changed.Any(d => d.ChildEventId is null))
            {
                state.Status = DrStatus.Dispatching;
            }
        }

        Save(state);
    }

    private async Task<bool> ReadyToMeasureAsync(DrEventState state, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (now >= state.End + _options.LateReadingAllowance)
        {
            return true;
        }

        var last = state.End - state.Interval;
        foreach (var device in state.Devices)
        {
            var id = DeviceId.Parse(device.DeviceId);
            if ((await _readings.GetByDeviceAsync(id, last, state.End, 1, cancellationToken).ConfigureAwait(false)).Count == 0)
            {
                return false;
            }
        }

        return true;
    }

    private async Task MeasureAsync(DrEventState state, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var readings = new Dictionary<string, IReadOnlyList<Reading>>(StringComparer.Ordinal);
        foreach (var device in state.Devices)
        {
            var stored = await _readings.GetByDeviceAsync(DeviceId.Parse(device.DeviceId), device.BaselineIntervalStart, state.End, 10_000, cancellationToken).ConfigureAwait(false);
            readings[device.DeviceId] = [.. stored.Select(s => s.Reading)];
        }

        var regionNetImport = new Dictionary<string, IReadOnlyList<double?>>(StringComparer.Ordinal);
        foreach (var region in state.Regions)
        {
            var totals = await _readings.GetRegionTotalsAsync(region, state.Start, state.End, cancellationToken).ConfigureAwait(false);
            var meters = totals.Where(t => t.Kind == DeviceKind.GridMeter).ToDictionary(t => t.IntervalStart, t => (double)(t.EnergyImportedWh - t.EnergyExportedWh));
            regionNetImport[region] = [.. Enumerable.Range(0, state.ValuesW.Count).Select(k => meters.TryGetValue(state.Start + (state.Interval * k), out var wh) ? wh : (double?)null)];
        }

        state.Result = DrVerifier.Measure(state, readings, regionNetImport, _options.BatteryReserveFraction, now);
        state.Status = DrStatus.Measured;
        Save(state);
        var result = state.Result;
        LogMeasured(_logger, state.EventId, result.RequestedKw, result.DeliveredKw, result.Performance, result.Devices, result.LimitViolations);
        var answer = _vtn.Create(Principal, OpenAdrCollection.Reports, DrReport.Build(state, Principal.ClientId));
        if (answer.Problem is { } problem)
        {
            LogReportFailed(_logger, state.EventId, problem);
        }
    }

    private void Cancel(DrEventState state)
    {
        foreach (var device in state.Devices.Where(d => d.ChildEventId is not null))
        {
            _ = _vtn.Delete(Principal, OpenAdrCollection.Events, device.ChildEventId!);
        }

        state.Status = DrStatus.Cancelled;
        Save(state);
        LogCancelled(_logger, state.EventId, state.Devices.Count);
    }

    private void Save(DrEventState state)
    {
        _files.Save(state);
        _states[state.EventId] = state;
        _published[state.EventId] = Clone(state);
    }

    private static DrEventState Clone(DrEventState state) =>
        JsonSerializer.Deserialize(JsonSerializer.SerializeToUtf8Bytes(state, DrJsonContext.Default.DrEventState), DrJsonContext.Default.DrEventState)!;


    public override void Dispose()
    {
        _wake.Dispose();
        _pass.Dispose();
        base.Dispose();
    }

    [LoggerMessage(900, LogLevel.Information, "Demand response: {Events} events resumed from disk; the fleet is dispatched {Lead} before each event")]
    private static partial void LogStarted(ILogger logger, int events, TimeSpan lead);

    [LoggerMessage(901, LogLevel.Error, "Demand response: a pass failed; the next tick retries")]
    private static partial void LogTickFailed(ILogger logger, Exception exception);

    [LoggerMessage(902, LogLevel.Warning, "Demand response: could not grant resource {Resource} its own target ({Problem}); its VEN will not see its setpoints")]
    private static partial void LogGrantFailed(ILogger logger, string resource, string problem);

    [LoggerMessage(903, LogLevel.Warning, "Demand response: the fleet cannot act on event {EventId}: {Reason}")]
    private static partial void LogRefused(ILogger logger, string eventId, string reason);

    [LoggerMessage(904, LogLevel.Information, "Demand response: event {EventId} scheduled: {Kind} on {Regions} from {Start:O} to {End:O}")]
    private static partial void LogScheduled(ILogger logger, string eventId, DispatchTargetKind kind, string regions, DateTimeOffset start, DateTimeOffset end);

    [LoggerMessage(905, LogLevel.Information, "Demand response: event {EventId} dispatched in {Region} over {Devices} devices: {RequiredKw:F1} kW required, {AllocatedKw:F1} kW allocated, shortfall {ShortfallKw:F1} kW")]
    private static partial void LogDispatched(ILogger logger, string eventId, string region, int devices, double requiredKw, double allocatedKw, double shortfallKw);

    [LoggerMessage(906, LogLevel.Warning, "Demand response: writing the setpoint event of {Resource} for {EventId} failed ({Problem}); retried next tick")]
    private static partial void LogChildFailed(ILogger logger, string eventId, string resource, string problem);

    [LoggerMessage(907, LogLevel.Information, "Demand response: event {EventId} measured: {RequestedKw} kW requested, {DeliveredKw} kW delivered (performance {Performance}) by {Devices} devices, {Violations} limit violations")]
    private static partial void LogMeasured(ILogger logger, string eventId, double requestedKw, double deliveredKw, double performance, int devices, int violations);

    [LoggerMessage(908, LogLevel.Warning, "Demand response: the VTN refused the measurement report on {EventId}: {Problem}")]
    private static partial void LogReportFailed(ILogger logger, string eventId, string problem);

    [LoggerMessage(910, LogLevel.Warning, "Demand response: event {EventId} interval {Slot}: {Failing}; re-dispatched {Devices} devices from interval {FirstSlot}")]
    private static partial void LogRedispatched(ILogger logger, string eventId, int slot, string failing, int devices, int firstSlot);

    [LoggerMessage(909, LogLevel.Information, "Demand response: event {EventId} was deleted by its operator; {Devices} per-device events withdrawn")]
    private static partial void LogCancelled(ILogger logger, string eventId, int devices);
}
