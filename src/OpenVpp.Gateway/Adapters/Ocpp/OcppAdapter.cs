using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OpenVpp.Gateway.Adapters.Live;
using OpenVpp.Gateway.Capabilities;
using OpenVpp.Protocols.Ocpp;
using OpenVpp.Protocols.Ocpp.Transport;

namespace OpenVpp.Gateway.Adapters.Ocpp;

/// <summary>
/// EV chargers over OCPP 1.6 / 2.0.1: hosts a CSMS that the configured chargers connect to, turns their meter values
/// into interval measurements (through <see cref="LiveIntervalMeter"/>) and caps their charging power with charging
/// profiles (<see cref="IChargingLimit"/> on each device). A limit set while a charger is offline is sent when it
/// next connects, and re-sent at every connect and boot so a restarted charger keeps it; a limit the charger did not
/// accept is retried with backoff until it does (or another limit replaces it). A charger's connectors (EVSEs) are
/// merged into one meter by <see cref="OcppConnectorMerge"/>.
/// </summary>
public sealed class OcppAdapter : ILiveDeviceAdapter
{
    // Our profile's id on every station; fixed so a clear or an update replaces the same profile.
    private const int ProfileId = 8640;

    // A station clock further off than this is not trusted for filing a reading into an interval.
    private static readonly TimeSpan MaxClockSkew = TimeSpan.FromMinutes(5);

    private readonly OcppAdapterOptions _options;
    private readonly ILogger _logger;
    private readonly ILoggerFactory _loggerFactory;
    private readonly TimeProvider _time;
    private readonly Dictionary<string, OcppStationDevice> _byStation;
    private readonly ConcurrentDictionary<string, bool> _unknownLogged = new(StringComparer.Ordinal);
    // The CSMS of the current run: RunAsync starts a new one each time the runner restarts the adapter.
    private volatile TaskCompletionSource<OcppCsms> _csms = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile OcppCsms? _running;
    private CancellationToken _runStopping;

    public OcppAdapter(OcppAdapterOptions options, ILoggerFactory? loggerFactory = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _loggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
        _logger = _loggerFactory.CreateLogger<OcppAdapter>();
        _time = time ?? TimeProvider.System;
        var devices = options.Stations.Select(s => new OcppStationDevice(s, this)).ToList();
        _byStation = devices.ToDictionary(d => d.Station.StationId, StringComparer.Ordinal);
        Devices = devices;
    }

    public string Name => $"ocpp:{_options.Port}";

    public IReadOnlyList<IAdapterDevice> Devices { get; }

    public IReadOnlyList<DeviceLinkState> LinkStates => [.. _byStation.Values.Select(d => d.LinkState())];

    /// <summary>The port the CSMS listens on, once <see cref="RunAsync"/> has started it.</summary>
    public async Task<int> PortAsync(CancellationToken cancellationToken) => (await _csms.Task.WaitAsync(cancellationToken).ConfigureAwait(false)).Port;

    /// <summary>First delay before a limit the station did not accept is sent again; doubles up to <see cref="LimitRetryMax"/>.</summary>
    internal TimeSpan LimitRetryInitial { get; set; } = TimeSpan.FromSeconds(5);

    internal TimeSpan LimitRetryMax { get; init; } = TimeSpan.FromMinutes(5);

    public ValueTask ResumeAtAsync(DateTimeOffset intervalStart, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public ValueTask<IReadOnlyList<IntervalMeasurement>> MeasureAsync(DateTimeOffset intervalStart, DateTimeOffset intervalEnd, CancellationToken cancellationToken)
    {
        var measurements = _byStation.Values
            .Select(d => d.Meter.Close(intervalStart, intervalEnd))
            .OfType<IntervalMeasurement>()
            .ToList();
        return ValueTask.FromResult<IReadOnlyList<IntervalMeasurement>>(measurements);
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (_csms.Task.IsCompleted)
        {
            // Restarted by the runner after a crash: PortAsync and limits wait for this run's CSMS, not the disposed one.
            _csms = new TaskCompletionSource<OcppCsms>(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        var csms = new OcppCsms(_options.ToCsmsOptions(), _loggerFactory.CreateLogger<OcppCsms>(), _time);
        csms.StationEvent += (_, e) => OnEvent(csms, e, cancellationToken);
        await using (csms.ConfigureAwait(false))
        {
            await csms.StartAsync(cancellationToken).ConfigureAwait(false);
            OcppAdapterLog.Started(_logger, _byStation.Count, csms.Port);
            _runStopping = cancellationToken;
            _running = csms;
            _csms.TrySetResult(csms);
            try
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, _time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Shutting down: the CSMS closes its connections as it is disposed.
            }
            finally
            {
                Interlocked.CompareExchange(ref _running, null, csms);
            }
        }
    }

    internal async ValueTask ApplyLimitAsync(OcppStationDevice device, int? limitW, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limitW ?? 0, nameof(limitW));
        device.Want(limitW);
        var csms = _running;
        if (csms?.VersionOf(device.Station.StationId) is null)
        {
            OcppAdapterLog.LimitDeferred(_logger, device.Descriptor.Name, device.Station.StationId, Describe(limitW));
            return;
        }

        var outcome = await SendLimitAsync(csms, device, onlyIfUndelivered: false, cancellationToken).ConfigureAwait(false);
        if (outcome is not null)
        {
            StartDelivery(csms, device, _runStopping);
            throw new InvalidOperationException(
                $"Charging limit of {device.Descriptor.Name} ({device.Station.StationId}) to {Describe(limitW)} was not applied: {outcome}. It is retried.");
        }
    }

    // Sends the wanted limit (read once the gate is held, so the newest wins); null when the station accepted it,
    // otherwise what went wrong.
    private async Task<string?> SendLimitAsync(OcppCsms csms, OcppStationDevice device, bool onlyIfUndelivered, CancellationToken cancellationToken)
    {
        var station = device.Station.StationId;
        await device.LimitGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var (limitW, wantedVersion, delivered) = device.Wanted();
            if (onlyIfUndelivered && delivered)
            {
                return null;
            }

            if (csms.VersionOf(station) is not { } version)
            {
                return "the station is not connected";
            }

            var (action, payload) = limitW is { } w
                ? (OcppChargingProfiles.SetChargingProfile, OcppChargingProfiles.BuildSetLimit(version, _options.LimitPurpose, ProfileId, _options.LimitStackLevel, w, _time.GetUtcNow()))
                : (OcppChargingProfiles.ClearChargingProfile, OcppChargingProfiles.BuildClear(version, ProfileId));
            var outcome = await csms.CallAsync(station, action, payload, cancellationToken).ConfigureAwait(false);
            // ClearChargingProfile answers Unknown when there was nothing to clear, which is the state we wanted.
            if (outcome.IsAnswered && outcome.ResultStatus is "Accepted" || (limitW is null && outcome.ResultStatus is "Unknown"))
            {
                device.Delivered(wantedVersion);
                OcppAdapterLog.LimitApplied(_logger, device.Descriptor.Name, station, Describe(limitW), outcome.ResultStatus!);
                return null;
            }

            OcppAdapterLog.LimitNotApplied(_logger, device.Descriptor.Name, station, Describe(limitW), outcome.ToString());
            return outcome.ToString();
        }
        finally
        {
            device.LimitGate.Release();
        }
    }

    // Sends the wanted limit in the background until the station accepts it, backing off between tries. A newer
    // delivery (connect, boot, failed apply) replaces this one; it ends when the station disconnects (its next
    // connect starts another) or the run stops.
    private void StartDelivery(OcppCsms csms, OcppStationDevice device, CancellationToken stopping)
    {
        var generation = Interlocked.Increment(ref device.DeliveryGeneration);
        _ = Task.Run(async () =>
        {
            var delay = LimitRetryInitial;
            while (!stopping.IsCancellationRequested && Volatile.Read(ref device.DeliveryGeneration) == generation &&
                   csms.VersionOf(device.Station.StationId) is not null)
            {
                try
                {
                    if (await SendLimitAsync(csms, device, onlyIfUndelivered: true, stopping).ConfigureAwait(false) is null)
                    {
                        if (device.Wanted().Delivered)
                        {
                            return;
                        }

                        continue;
                    }

                    await Task.Delay(delay, _time, stopping).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (stopping.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception ex)
                {
                    OcppAdapterLog.LimitFailed(_logger, ex, device.Station.StationId);
                    await Task.Delay(delay, _time, stopping).ConfigureAwait(false);
                }

                delay = TimeSpan.FromTicks(Math.Min(LimitRetryMax.Ticks, delay.Ticks * 2));
            }
        }, CancellationToken.None);
    }

    private void OnEvent(OcppCsms csms, OcppCsmsEvent e, CancellationToken stopping)
    {
        if (!_byStation.TryGetValue(e.StationId, out var device))
        {
            if (e is OcppStationConnected && _unknownLogged.TryAdd(e.StationId, true))
            {
                OcppAdapterLog.UnknownStation(_logger, e.StationId);
            }

            return;
        }

        switch (e)
        {
            case OcppStationConnected:
                device.SetLink(true, e.At, null);
                // A charger that only reopens its WebSocket (no BootNotification) must get the limit too; ocpp-rpc
                // and real chargers answer a CALL from the moment the socket is open.
                if (device.LimitRequested)
                {
                    device.Undelivered();
                    StartDelivery(csms, device, stopping);
                }

                break;
            case OcppStationDisconnected d:
                device.SetLink(false, e.At, d.Reason);
                break;
            case OcppStationBooted when device.LimitRequested:
                // A rebooted charger may have lost its profiles: send the limit again.
                device.Undelivered();
                StartDelivery(csms, device, stopping);
                break;
            case OcppStatusChanged { IsFault: true } s:
                device.Meter.Record(new DeviceSample(s.At, Fault: true));
                break;
            case OcppSampleReceived s when ToDeviceSample(device, s) is { } sample:
                device.Meter.Record(sample);
                break;
        }
    }

    // Null when nothing in the reading counts (another connector's, while the station reports its main meter).
    private DeviceSample? ToDeviceSample(OcppStationDevice device, OcppSampleReceived received)
    {
        var sample = received.Sample;
        var at = sample.At;
        if ((at - received.At).Duration() > MaxClockSkew)
        {
            OcppAdapterLog.ClockSkew(_logger, received.StationId, at, at - received.At);
            at = received.At;
        }

        var (registers, powerW) = device.Connectors.Add(received.ConnectorId, at, sample.ImportedWh, sample.ExportedWh, sample.PowerW);
        return registers is null && powerW is null && sample.StateOfChargeBp is null
            ? null
            : new DeviceSample(at, registers, powerW, sample.StateOfChargeBp);
    }

    private static string Describe(int? limitW) => limitW is { } w ? string.Create(CultureInfo.InvariantCulture, $"{w} W") : "no limit";
}
