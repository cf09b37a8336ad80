using Microsoft.Extensions.Logging;
using OpenVpp.Gateway.Adapters;
using OpenVpp.Gateway.Capabilities;
using OpenVpp.Gateway.Uplink;

namespace OpenVpp.Gateway.DemandResponse;

/// <summary>
/// Carries <see cref="DispatchInstructions"/> out on the devices: at each reconcile it works out what every device
/// should follow now and calls the device's capability only where that differs from what it last accepted. A device
/// that refuses or is offline is retried with backoff; a device with no instruction is released to its own control
/// once, never on every tick. Nothing a device throws escapes.
/// </summary>
public sealed class SetpointExecutor
{
    private static readonly TimeSpan RetryInitial = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan RetryMax = TimeSpan.FromMinutes(2);

    private readonly DispatchInstructions _instructions;
    private readonly Dictionary<string, IAdapterDevice> _devices;
    private readonly ILogger _logger;
    private readonly Dictionary<string, AppliedSetpoint> _applied = [];
    private readonly Dictionary<string, (ExponentialBackoff Backoff, DateTimeOffset NextAttempt)> _retry = [];
    private readonly HashSet<(string EventId, string Device)> _ignored = [];
    private readonly Lock _gate = new();

    public SetpointExecutor(DispatchInstructions instructions, IEnumerable<IDeviceAdapter> adapters, ILogger<SetpointExecutor> logger)
    {
        _instructions = instructions;
        _logger = logger;
        _devices = adapters.SelectMany(a => a.Devices).ToDictionary(d => d.Descriptor.Name, StringComparer.Ordinal);
    }

    /// <summary>What each device was last set to (or released to), for reports and status.</summary>
    public IReadOnlyDictionary<string, AppliedSetpoint> Applied
    {
        get { lock (_gate) { return new Dictionary<string, AppliedSetpoint>(_applied); } }
    }

    /// <summary>Brings every device in line with the instructions active at <paramref name="now"/>; returns how many calls it made.</summary>
    public async Task<int> ReconcileAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var active = _instructions.ActiveAt(now);
        var calls = 0;
        foreach (var (name, instruction) in active)
        {
            if (!_devices.TryGetValue(name, out var device))
            {
                if (_ignored.Add((instruction.EventId, name)))
                {
                    DemandResponseLog.UnknownDevice(_logger, instruction.EventId, name);
                }

                continue;
            }

            if (!Supports(device, instruction.Kind))
            {
                if (_ignored.Add((instruction.EventId, name)))
                {
                    DemandResponseLog.Unsupported(_logger, instruction.EventId, name, instruction.Kind, device.Descriptor.Kind.ToString());
                }

                continue;
            }

            if (Holds(name, instruction.Kind, instruction.W) || !DueForAttempt(name, now))
            {
                continue;
            }

            calls++;
            await ApplyAsync(device, instruction.Kind, instruction.W, instruction.EventId, now, cancellationToken).ConfigureAwait(false);
        }

        // Devices that held a setpoint and have none now go back to their own control.
        foreach (var (name, applied) in Applied)
        {
            if (active.ContainsKey(name) || applied.Kind is null || !DueForAttempt(name, now))
            {
                continue;
            }

            calls++;
            await ApplyAsync(_devices[name], applied.Kind.Value, null, null, now, cancellationToken).ConfigureAwait(false);
        }

        return calls;
    }

    private static bool Supports(IAdapterDevice device, SetpointKind kind) => kind switch
    {
        SetpointKind.BatteryPowerW => device is IBatterySetpoint,
        SetpointKind.ChargingLimitW => device is IChargingLimit,
        SetpointKind.GenerationLimitW => device is IInverterLimit,
        _ => false,
    };

    private bool Holds(string name, SetpointKind kind, int w)
    {
        lock (_gate)
        {
            return _applied.TryGetValue(name, out var applied) && applied.Accepted && applied.Kind == kind && applied.W == w;
        }
    }

    private bool DueForAttempt(string name, DateTimeOffset now)
    {
        lock (_gate)
        {
            return !_retry.TryGetValue(name, out var retry) || retry.NextAttempt <= now;
        }
    }

    /// <summary>Sets the device to <paramref name="w"/> of <paramref name="kind"/>, or releases that control when w is null.</summary>
    private async Task ApplyAsync(IAdapterDevice device, SetpointKind kind, int? w, string? eventId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var name = device.Descriptor.Name;
        try
        {
            var call = kind switch
            {
                SetpointKind.BatteryPowerW => ((IBatterySetpoint)device).ApplyBatterySetpointAsync(w, cancellationToken),
                SetpointKind.ChargingLimitW => ((IChargingLimit)device).ApplyChargingLimitAsync(w, cancellationToken),
                _ => ((IInverterLimit)device).ApplyInverterLimitAsync(w, cancellationToken),
            };
            await call.ConfigureAwait(false);
            lock (_gate)
            {
                _applied[name] = new AppliedSetpoint(name, w is null ? null : kind, w, eventId, now, null);
                _retry.Remove(name);
            }

            if (w is { } value)
            {
                DemandResponseLog.Applied(_logger, name, kind, value, eventId!);
            }
            else
            {
                DemandResponseLog.Released(_logger, name);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            TimeSpan delay;
            lock (_gate)
            {
                if (!_retry.TryGetValue(name, out var retry))
                {
                    retry = (new ExponentialBackoff(RetryInitial, RetryMax), now);
                }

                delay = retry.Backoff.Next();
                _retry[name] = (retry.Backoff, now + delay);

                // Keep what the device last accepted as its kind, so a failed release is retried as a release.
                var previous = _applied.GetValueOrDefault(name);
                _applied[name] = new AppliedSetpoint(name, w is null ? previous?.Kind : kind, w ?? previous?.W, eventId ?? previous?.EventId, now, ex.Message);
            }

            DemandResponseLog.ApplyFailed(_logger, name, ex.Message, delay);
        }
    }
}
