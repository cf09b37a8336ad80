using Microsoft.Extensions.Logging;
using OpenVpp.Gateway.Adapters.Live;
using OpenVpp.Gateway.Capabilities;
using OpenVpp.Gateway.Uplink;
using OpenVpp.Protocols.SunSpec;

namespace OpenVpp.Gateway.Adapters.SunSpec;

/// <summary>
/// One unit behind a SunSpec endpoint as a gateway device. Subclasses per kind choose which models give power, energy and
/// state of charge, and which controls they offer; this base keeps the samples, the link state and the retry schedule.
/// </summary>
internal abstract class SunSpecAdapterDevice : IAdapterDevice, IPowerMeter
{
    private readonly Lock _gate = new();
    private bool _online;
    private DateTimeOffset? _since;
    private string? _lastError;

    protected SunSpecAdapterDevice(SunSpecUnitOptions unit, SunSpecClient client, SunSpecAdapterOptions options, ILogger logger)
    {
        Unit = unit;
        Client = client;
        Logger = logger;
        Descriptor = new DeviceDescriptor(unit.DeviceName, unit.Kind, unit.NameplatePowerW, unit.CapacityWh, unit.Region, unit.Site);
        Meter = new LiveIntervalMeter(unit.DeviceName);
        Backoff = new ExponentialBackoff(options.Poll, options.MaxRetry);
    }

    public DeviceDescriptor Descriptor { get; }

    public SunSpecUnitOptions Unit { get; }

    public LiveIntervalMeter Meter { get; }

    public ExponentialBackoff Backoff { get; }

    /// <summary>The models found at discovery; null until discovered, and again after the link was lost.</summary>
    public SunSpecScan? Directory { get; set; }

    public DateTimeOffset NextAttemptAt { get; set; }

    protected SunSpecClient Client { get; }

    protected ILogger Logger { get; }

    public DeviceLinkState LinkState
    {
        get
        {
            lock (_gate)
            {
                return new DeviceLinkState(Descriptor.Name, _online, _since, _lastError);
            }
        }
    }

    /// <summary>Why this unit's models do not fit the configured kind, or null when they do.</summary>
    public abstract string? Mismatch(SunSpecScan directory);

    /// <summary>The models read at each poll.</summary>
    public abstract IEnumerable<SunSpecModel> ModelsToPoll(SunSpecScan directory);

    /// <summary>The sample the freshly read models give.</summary>
    public abstract DeviceSample Sample(DateTimeOffset at, IReadOnlyList<SunSpecModel> models);

    public ValueTask<int> CurrentPowerWAsync(CancellationToken cancellationToken) =>
        Meter.Latest?.PowerW is { } powerW
            ? ValueTask.FromResult(powerW)
            : throw new InvalidOperationException($"{Descriptor.Name} has not reported its power yet; it may be offline.");

    /// <summary>Marks the unit online; returns whether it was offline before.</summary>
    public bool MarkOnline(DateTimeOffset at)
    {
        lock (_gate)
        {
            var changed = !_online;
            if (changed)
            {
                _online = true;
                _since = at;
            }

            _lastError = null;
            return changed;
        }
    }

    public void MarkOffline(DateTimeOffset at, string error)
    {
        lock (_gate)
        {
            if (_online || _since is null)
            {
                _since = at;
            }

            _online = false;
            _lastError = error;
        }
    }

    protected static SunSpecModel? First(SunSpecScan directory, params int[] ids) =>
        ids.Select(directory.Find).FirstOrDefault(m => m is not null);

    protected static SunSpecModel? FirstRead(IReadOnlyList<SunSpecModel> models, params int[] ids) =>
        ids.Select(id => models.FirstOrDefault(m => m.Id == id && m.Root is not null)).FirstOrDefault(m => m is not null);

    protected static long? Wh(decimal? value) => value is { } v ? (long)decimal.Round(v, MidpointRounding.AwayFromZero) : null;

    protected static int? Watts(decimal? value) => value is { } v ? (int)decimal.Round(Math.Clamp(v, int.MinValue, int.MaxValue), MidpointRounding.AwayFromZero) : null;

    protected static ushort? Bp(decimal? percent) => percent is { } p ? (ushort)decimal.Round(Math.Clamp(p, 0m, 100m) * 100m, MidpointRounding.AwayFromZero) : null;

    protected SunSpecModel ControlModel(string control, params int[] ids)
    {
        var directory = Directory ?? throw new InvalidOperationException($"{Descriptor.Name} is offline; {control} cannot be applied now.");
        return First(directory, ids) ?? throw new InvalidOperationException(
            $"{Descriptor.Name} has no model for {control} (needs one of {string.Join(", ", ids)}; it has {string.Join(", ", directory.Models.Select(m => m.Id))}).");
    }

    protected async Task WriteAsync(string control, SunSpecModel model, IReadOnlyList<(string Path, decimal Value)> points, CancellationToken cancellationToken)
    {
        try
        {
            var written = await Client.WriteAsync(model, points, cancellationToken).ConfigureAwait(false);
            SunSpecLog.ControlApplied(Logger, Descriptor.Name, control, model.Id,
                string.Join(", ", points.Select((p, i) => $"{p.Path}={written[i]}")));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            SunSpecLog.ControlFailed(Logger, Descriptor.Name, control, e.Message);
            throw;
        }
    }
}
