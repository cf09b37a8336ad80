using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OpenVpp.Core.Devices;
using OpenVpp.Protocols.Modbus;
using OpenVpp.Protocols.Modbus.Transport;
using OpenVpp.Protocols.SunSpec;

namespace OpenVpp.Gateway.Adapters.SunSpec;

/// <summary>
/// SunSpec inverters, batteries and meters behind one Modbus TCP endpoint, one device per configured unit id. Each unit
/// is discovered (marker, model chain, kind checked against the models), then polled every
/// <see cref="SunSpecAdapterOptions.PollPeriod"/>; the samples feed a <see cref="Live.LiveIntervalMeter"/> per device.
/// A unit that stops answering is marked offline and retried with exponential backoff (rediscovered when it answers
/// again); nothing a device does stops the adapter.
/// </summary>
public sealed class SunSpecAdapter : ILiveDeviceAdapter, IAsyncDisposable
{
    private readonly SunSpecAdapterOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ModbusTcpClient _modbus;
    private readonly SunSpecAdapterDevice[] _devices;

    public SunSpecAdapter(SunSpecAdapterOptions options, TimeProvider? time = null, ILogger<SunSpecAdapter>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException($"SunSpec endpoint {options.Host}:{options.Port}: {string.Join("; ", problems)}.", nameof(options));
        }

        _options = options;
        _time = time ?? TimeProvider.System;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _modbus = new ModbusTcpClient(new ModbusTcpClientOptions(options.Host, options.Port, options.Timeout));
        _devices = [.. options.Units.Select(CreateDevice)];
        Devices = _devices;
        Name = $"sunspec:{_modbus.Endpoint}";
    }

    public string Name { get; }

    public IReadOnlyList<IAdapterDevice> Devices { get; }

    public IReadOnlyList<DeviceLinkState> LinkStates => [.. _devices.Select(d => d.LinkState)];

    public ValueTask ResumeAtAsync(DateTimeOffset intervalStart, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public ValueTask<IReadOnlyList<IntervalMeasurement>> MeasureAsync(DateTimeOffset intervalStart, DateTimeOffset intervalEnd, CancellationToken cancellationToken)
    {
        var measurements = _devices.Select(d => d.Meter.Close(intervalStart, intervalEnd)).OfType<IntervalMeasurement>().ToList();
        return ValueTask.FromResult<IReadOnlyList<IntervalMeasurement>>(measurements);
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                foreach (var device in _devices)
                {
                    if (_time.GetUtcNow() >= device.NextAttemptAt)
                    {
                        await PollAsync(device, cancellationToken).ConfigureAwait(false);
                    }
                }

                await Task.Delay(_options.Poll, _time, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down.
        }
        finally
        {
            await _modbus.DisconnectAsync().ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync() => await _modbus.DisposeAsync().ConfigureAwait(false);

    private async Task PollAsync(SunSpecAdapterDevice device, CancellationToken cancellationToken)
    {
        var client = new SunSpecClient(_modbus, device.Unit.UnitId);
        try
        {
            if (device.Directory is null)
            {
                var directory = await client.DiscoverAsync(cancellationToken).ConfigureAwait(false);
                if (device.Mismatch(directory) is { } mismatch)
                {
                    var retryIn = device.Backoff.Next();
                    device.NextAttemptAt = _time.GetUtcNow() + retryIn;
                    device.MarkOffline(_time.GetUtcNow(), mismatch);
                    SunSpecLog.Mismatch(_logger, device.Descriptor.Name, mismatch, retryIn);
                    return;
                }

                device.Directory = directory;
                var common = directory.Find(1) is { } c ? await client.ReadAsync(c, cancellationToken).ConfigureAwait(false) : null;
                Discovered(device, directory, SunSpecIdentity.From(common));
            }

            var models = new List<SunSpecModel>();
            foreach (var model in device.ModelsToPoll(device.Directory))
            {
                models.Add(await client.ReadAsync(model, cancellationToken).ConfigureAwait(false));
            }

            var now = _time.GetUtcNow();
            device.Meter.Record(device.Sample(now, models));
            var failures = device.Backoff.Attempt;
            device.Backoff.Reset();
            device.NextAttemptAt = now;
            if (device.MarkOnline(now) && failures > 0)
            {
                SunSpecLog.Online(_logger, device.Descriptor.Name, device.Unit.UnitId, _modbus.Endpoint, failures);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (ModbusException e)
        {
            // The device answered but refused: keep what was discovered unless the unit itself is unreachable.
            if (e.Code is ModbusExceptionCode.GatewayPathUnavailable or ModbusExceptionCode.GatewayTargetFailedToRespond)
            {
                device.Directory = null;
            }

            var retryIn = Fail(device, e.Message);
            SunSpecLog.Refused(_logger, device.Descriptor.Name, e.Message, retryIn);
        }
        catch (Exception e)
        {
            // The link or the register map is gone (or the device sent something this adapter cannot use): rediscover
            // when the unit answers again. Whatever it was, one device never stops the adapter.
            device.Directory = null;
            var retryIn = Fail(device, e.Message);
            SunSpecLog.Offline(_logger, device.Descriptor.Name, device.Unit.UnitId, _modbus.Endpoint, e.Message, retryIn);
        }
    }

    private TimeSpan Fail(SunSpecAdapterDevice device, string error)
    {
        var retryIn = device.Backoff.Next();
        var now = _time.GetUtcNow();
        device.NextAttemptAt = now + retryIn;
        device.MarkOffline(now, error);
        return retryIn;
    }

    private void Discovered(SunSpecAdapterDevice device, SunSpecScan directory, SunSpecIdentity? identity)
    {
        SunSpecLog.Discovered(_logger, device.Unit.UnitId, _modbus.Endpoint, device.Descriptor.Name, directory.BaseAddress,
            string.Join(", ", directory.Models.Select(m => m.Id)), identity?.Manufacturer, identity?.Model, identity?.SerialNumber);
        var unknown = directory.Models.Where(m => !m.IsKnown).Select(m => $"{m.Id} ({m.Length} registers)").ToList();
        if (unknown.Count > 0)
        {
            SunSpecLog.UnknownModels(_logger, device.Descriptor.Name, string.Join(", ", unknown));
        }
    }

    private SunSpecAdapterDevice CreateDevice(SunSpecUnitOptions unit)
    {
        var client = new SunSpecClient(_modbus, unit.UnitId);
        return unit.Kind switch
        {
            DeviceKind.SolarInverter => new SunSpecInverterDevice(unit, client, _options, _logger),
            DeviceKind.Battery => new SunSpecBatteryDevice(unit, client, _options, _logger),
            _ => new SunSpecMeterDevice(unit, client, _options, _logger),
        };
    }
}
