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
/// next boots, and re-sent at every boot so a restarted charger keeps it.
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
    private readonly TaskCompletionSource<OcppCsms> _csms = new(TaskCreationOptions.RunContinuationsAsynchronously);

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
        var csms = new OcppCsms(_options.ToCsmsOptions(), _loggerFactory.CreateLogger<OcppCsms>(), _time);
        csms.StationEvent += (_, e) => OnEvent(csms, e);
        await using (csms.ConfigureAwait(false))
        {
            await csms.StartAsync(cancellationToken).ConfigureAwait(false);
            OcppAdapterLog.Started(_logger, _byStation.Count, csms.Port);
            _csms.TrySetResult(csms);
            try
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, _time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Shutting down: the CSMS closes its connections as it is disposed.
            }
        }
    }

    internal async ValueTask ApplyLimitAsync(OcppStationDevice device, int? limitW, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limitW ?? 0, nameof(limitW));
        device.WantedLimitW = limitW;
        device.LimitRequested = true;
        var csms = _csms.Task.IsCompletedSuccessfully ? _csms.Task.Result : null;
        if (csms?.VersionOf(device.Station.StationId) is null)
        {
            OcppAdapterLog.LimitDeferred(_logger, device.Descriptor.Name, device.Station.StationId, Describe(limitW));
            return;
        }

        await SendLimitAsync(csms, device, cancellationToken).ConfigureAwait(false);
    }

    private async Task SendLimitAsync(OcppCsms csms, OcppStationDevice device, CancellationToken cancellationToken)
    {
        var station = device.Station.StationId;
        if (csms.VersionOf(station) is not { } version)
        {
            return;
        }

        var limitW = device.WantedLimitW;
        var (action, payload) = limitW is { } w
            ? (OcppChargingProfiles.SetChargingProfile, OcppChargingProfiles.BuildSetLimit(version, _options.LimitPurpose, ProfileId, _options.LimitStackLevel, w, _time.GetUtcNow()))
            : (OcppChargingProfiles.ClearChargingProfile, OcppChargingProfiles.BuildClear(version, ProfileId));
        var outcome = await csms.CallAsync(station, action, payload, cancellationToken).ConfigureAwait(false);
        // ClearChargingProfile answers Unknown when there was nothing to clear, which is the state we wanted.
        if (outcome.IsAnswered && outcome.ResultStatus is "Accepted" or "Unknown")
        {
            OcppAdapterLog.LimitApplied(_logger, device.Descriptor.Name, station, Describe(limitW), outcome.ResultStatus!);
        }
        else
        {
            OcppAdapterLog.LimitNotApplied(_logger, device.Descriptor.Name, station, Describe(limitW), outcome.ToString());
        }
    }

    private void OnEvent(OcppCsms csms, OcppCsmsEvent e)
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
                break;
            case OcppStationDisconnected d:
                device.SetLink(false, e.At, d.Reason);
                break;
            case OcppStationBooted when device.LimitRequested:
                // Not awaited here: the answer arrives on the thread raising this event.
                _ = Task.Run(async () =>
                {
                    try
                    {
                        await SendLimitAsync(csms, device, CancellationToken.None).ConfigureAwait(false);
                    }
                    catch (Exception ex)
                    {
                        OcppAdapterLog.LimitFailed(_logger, ex, e.StationId);
                    }
                });
                break;
            case OcppStatusChanged { IsFault: true } s:
                device.Meter.Record(new DeviceSample(s.At, Fault: true));
                break;
            case OcppSampleReceived s:
                device.Meter.Record(ToDeviceSample(device, s));
                break;
        }
    }

    private DeviceSample ToDeviceSample(OcppStationDevice device, OcppSampleReceived received)
    {
        var sample = received.Sample;
        var at = sample.At;
        if ((at - received.At).Duration() > MaxClockSkew)
        {
            OcppAdapterLog.ClockSkew(_logger, received.StationId, at, at - received.At);
            at = received.At;
        }

        EnergyRegisters? registers = null;
        var imported = sample.ImportedWh ?? device.LastImportedWh;
        var exported = sample.ExportedWh ?? device.LastExportedWh;
        if (sample.ImportedWh is not null || sample.ExportedWh is not null)
        {
            // Most chargers report only the import register; export stays 0 until one reports it (V2G).
            registers = new EnergyRegisters(imported ?? 0, exported ?? 0);
            device.LastImportedWh = imported;
            device.LastExportedWh = exported;
        }

        return new DeviceSample(at, registers, sample.PowerW, sample.StateOfChargeBp);
    }

    private static string Describe(int? limitW) => limitW is { } w ? string.Create(CultureInfo.InvariantCulture, $"{w} W") : "no limit";
}
