using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OpenVpp.Gateway.Adapters.Live;
using OpenVpp.Protocols.Dsmr;
using OpenVpp.Protocols.Dsmr.Transport;

namespace OpenVpp.Gateway.Adapters.P1;

/// <summary>
/// A DSMR P1 smart meter as one grid meter device. Each telegram becomes a <see cref="DeviceSample"/> (total import
/// and export registers in Wh, net power in W, positive when exporting) stamped with the gateway's clock, not the
/// meter's: meter clocks drift and the interval grid is the gateway's. Intervals come from the registers, so they
/// are exact whatever the telegram rate. No telegram for <see cref="P1AdapterOptions.OfflineAfter"/> marks the meter
/// offline and reconnects with backoff; gas and other M-Bus readings are not device kinds and are only logged.
/// </summary>
public sealed class P1Adapter : ILiveDeviceAdapter
{
    private readonly P1AdapterOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly P1TelegramSource _source;
    private readonly LiveIntervalMeter _meter;
    private readonly P1MeterDevice _device;
    private readonly Lock _gate = new();
    private bool _connected;
    private DateTimeOffset? _since;
    private string? _lastError;
    private bool _warnedNoRegisters;

    public P1Adapter(P1AdapterOptions options, TimeProvider? time = null, ILogger<P1Adapter>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _time = time ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        var connection = options.CreateConnection();
        _source = new P1TelegramSource(
            connection,
            new P1SourceOptions
            {
                IdleTimeout = options.OfflineAfter,
                MaxBackoff = options.MaxReconnectDelay,
                SmartyKey = options.SmartyKeyHex is null ? null : P1AdapterOptions.ParseKey(options.SmartyKeyHex),
            },
            _time);
        _meter = new LiveIntervalMeter(options.DeviceName);
        _device = new P1MeterDevice(options, _meter);
        Devices = [_device];
        Name = $"p1:{connection.Description}";
    }

    public string Name { get; }

    public IReadOnlyList<IAdapterDevice> Devices { get; }

    public IReadOnlyList<DeviceLinkState> LinkStates
    {
        get
        {
            lock (_gate)
            {
                var last = _meter.LastSampleAt;
                var online = _connected && last is { } at && _time.GetUtcNow() - at < _options.OfflineAfter;
                return [new DeviceLinkState(_options.DeviceName, online, _since, _lastError)];
            }
        }
    }

    public ValueTask ResumeAtAsync(DateTimeOffset intervalStart, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public ValueTask<IReadOnlyList<IntervalMeasurement>> MeasureAsync(DateTimeOffset intervalStart, DateTimeOffset intervalEnd, CancellationToken cancellationToken)
    {
        var measurement = _meter.Close(intervalStart, intervalEnd);
        return ValueTask.FromResult<IReadOnlyList<IntervalMeasurement>>(measurement is null ? [] : [measurement]);
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await ReadAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                // A bug, not a meter problem: keep the gateway running and start the reader again.
                var retryIn = _options.MaxReconnectDelay;
                P1Log.ReaderFailed(_logger, e, _options.DeviceName, retryIn);
                SetLink(false, e.Message);
                try
                {
                    await Task.Delay(retryIn, _time, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }
    }

    private async Task ReadAsync(CancellationToken cancellationToken)
    {
        var wasOnline = false;
        var refusedInARow = 0;
        await foreach (var e in _source.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            switch (e.Kind)
            {
                case P1SourceEventKind.Connected:
                    P1Log.Connected(_logger, _options.DeviceName, e.Message ?? _source.Description);
                    break;
                case P1SourceEventKind.Telegram:
                    var telegram = e.Telegram!;
                    if (!wasOnline)
                    {
                        P1Log.Online(_logger, _options.DeviceName, telegram.Variant.ToString(), telegram.Version, telegram.Identification);
                        wasOnline = true;
                        SetLink(true, null);
                    }

                    refusedInARow = 0;
                    Record(telegram);
                    break;
                case P1SourceEventKind.Rejected:
                    if (refusedInARow++ == 0)
                    {
                        P1Log.TelegramRefused(_logger, _options.DeviceName, e.Message ?? "unknown");
                    }
                    else
                    {
                        P1Log.TelegramRefusedAgain(_logger, _options.DeviceName, e.Message ?? "unknown");
                    }

                    break;
                case P1SourceEventKind.Disconnected:
                    if (wasOnline || _since is null)
                    {
                        P1Log.Offline(_logger, _options.DeviceName, e.Message, e.RetryIn);
                    }
                    else
                    {
                        P1Log.StillOffline(_logger, _options.DeviceName, e.Message, e.RetryIn);
                    }

                    wasOnline = false;
                    SetLink(false, e.Message);
                    break;
            }
        }
    }

    private void Record(P1Telegram telegram)
    {
        var registers = telegram is { ImportTotalWh: { } importedWh, ExportTotalWh: { } exportedWh }
            ? new Capabilities.EnergyRegisters(importedWh, exportedWh)
            : (Capabilities.EnergyRegisters?)null;
        if (registers is null && !_warnedNoRegisters)
        {
            _warnedNoRegisters = true;
            P1Log.NoRegisters(_logger, _options.DeviceName, telegram.Identification);
        }

        int? powerW = telegram.PowerW is { } w ? (int)Math.Clamp(w, int.MinValue, int.MaxValue) : null;
        _meter.Record(new DeviceSample(_time.GetUtcNow(), registers, powerW));
        if (telegram.Gas is { Reading: { } gas } meter && _logger.IsEnabled(LogLevel.Debug))
        {
            P1Log.GasIgnored(_logger, _options.DeviceName, meter.Channel, gas.Value, meter.ReadAt?.Utc);
        }
    }

    private void SetLink(bool connected, string? error)
    {
        lock (_gate)
        {
            if (_connected != connected || _since is null)
            {
                _since = _time.GetUtcNow();
            }

            _connected = connected;
            _lastError = error ?? (connected ? null : _lastError);
        }
    }
}
