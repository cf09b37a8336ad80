using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenVpp.Gateway.Adapters;
using OpenVpp.Gateway.Uplink;

namespace OpenVpp.Gateway.Hosting;

/// <summary>
/// Runs every <see cref="ILiveDeviceAdapter"/> for the host's lifetime. An adapter handles its own device failures;
/// if its loop throws anyway (a bug, a port already taken), this logs it and restarts the adapter with backoff, so
/// one broken adapter never stops the gateway or the other adapters. Also logs each device going offline or online.
/// </summary>
internal sealed class LiveAdapterRunner : BackgroundService
{
    private static readonly TimeSpan LinkCheckPeriod = TimeSpan.FromSeconds(5);

    private readonly IReadOnlyList<ILiveDeviceAdapter> _adapters;
    private readonly TimeProvider _time;
    private readonly ILogger<LiveAdapterRunner> _logger;
    private readonly Dictionary<string, bool> _online = new(StringComparer.Ordinal);

    public LiveAdapterRunner(IEnumerable<IDeviceAdapter> adapters, TimeProvider time, ILogger<LiveAdapterRunner> logger)
    {
        _adapters = [.. adapters.OfType<ILiveDeviceAdapter>()];
        _time = time;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_adapters.Count == 0)
        {
            return;
        }

        var runs = _adapters.Select(a => RunWithRestartsAsync(a, stoppingToken)).ToList();
        runs.Add(WatchLinksAsync(stoppingToken));
        await Task.WhenAll(runs).ConfigureAwait(false);
    }

    private async Task RunWithRestartsAsync(ILiveDeviceAdapter adapter, CancellationToken stoppingToken)
    {
        var backoff = new ExponentialBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            var started = _time.GetUtcNow();
            try
            {
                await adapter.RunAsync(stoppingToken).ConfigureAwait(false);
                if (stoppingToken.IsCancellationRequested)
                {
                    return;
                }

                GatewayLog.AdapterStoppedEarly(_logger, adapter.Name);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                GatewayLog.AdapterCrashed(_logger, e, adapter.Name, backoff.Ceiling);
            }

            // An adapter that ran for a while before failing starts its backoff over.
            if (_time.GetUtcNow() - started > TimeSpan.FromMinutes(5))
            {
                backoff.Reset();
            }

            try
            {
                await Task.Delay(backoff.Next(), _time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task WatchLinksAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            foreach (var adapter in _adapters)
            {
                IReadOnlyList<DeviceLinkState> states;
                try
                {
                    states = adapter.LinkStates;
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    GatewayLog.AdapterCrashed(_logger, e, adapter.Name, TimeSpan.Zero);
                    continue;
                }

                foreach (var state in states)
                {
                    var known = _online.TryGetValue(state.DeviceName, out var wasOnline);
                    if (known && wasOnline == state.Online)
                    {
                        continue;
                    }

                    _online[state.DeviceName] = state.Online;
                    if (state.Online)
                    {
                        GatewayLog.DeviceOnline(_logger, state.DeviceName, adapter.Name);
                    }
                    else if (known || state.LastError is not null)
                    {
                        GatewayLog.DeviceOffline(_logger, state.DeviceName, adapter.Name, state.LastError ?? "no data");
                    }
                }
            }

            try
            {
                await Task.Delay(LinkCheckPeriod, _time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
