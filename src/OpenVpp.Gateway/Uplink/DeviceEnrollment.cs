using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenVpp.Core.Devices;
using OpenVpp.Core.Wire;
using OpenVpp.Gateway.Hosting;

namespace OpenVpp.Gateway.Uplink;

/// <summary>
/// Registers every keystore device with the node (POST /v1/devices), retrying with backoff until the node answers.
/// Registration is idempotent on the node, so it is simply repeated when the node reports an unknown device.
/// </summary>
internal sealed class DeviceEnrollment
{
    private readonly NodeClient _node;
    private readonly GatewayRuntime _runtime;
    private readonly GatewayOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<DeviceEnrollment> _logger;
    private volatile bool _registered;

    public DeviceEnrollment(NodeClient node, GatewayRuntime runtime, IOptions<GatewayOptions> options, TimeProvider time, ILogger<DeviceEnrollment> logger)
    {
        _node = node;
        _runtime = runtime;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    /// <summary>Forget the last registration so the next <see cref="EnsureRegisteredAsync"/> registers again.</summary>
    public void Invalidate() => _registered = false;

    public async Task EnsureRegisteredAsync(CancellationToken cancellationToken)
    {
        if (_registered)
        {
            return;
        }

        var backoff = new ExponentialBackoff(TimeSpan.FromMilliseconds(500), _options.MaxBackoff);
        while (true)
        {
            try
            {
                await RegisterAllAsync(cancellationToken).ConfigureAwait(false);
                _registered = true;
                return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                var delay = backoff.Next();
                GatewayLog.RegistrationNodeUnreachable(_logger, _options.NodeUrl, e.Message, delay);
                await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task RegisterAllAsync(CancellationToken cancellationToken)
    {
        var devices = _runtime.Keystore.Devices;
        int registered = 0, already = 0, awaitingChain = 0;
        foreach (var chunk in devices.Chunk(_options.UploadBatchSize))
        {
            var request = new RegisterDevicesRequest([.. chunk.Select(d => new DeviceRegistration(
                d.PublicKeyHex,
                _options.Owner,
                d.Descriptor.Kind.ToWire(),
                d.Descriptor.NameplatePowerW,
                d.Descriptor.CapacityWh,
                d.Descriptor.Region,
                d.Descriptor.Site))]);
            var response = await _node.RegisterDevicesAsync(request, cancellationToken).ConfigureAwait(false);
            foreach (var result in response.Results)
            {
                switch (result.Status)
                {
                    case "registered": registered++; break;
                    case "already_registered": already++; break;
                    case "not_on_chain": awaitingChain++; break;
                    default:
                        var device = result.Index >= 0 && result.Index < chunk.Length ? chunk[result.Index] : null;
                        GatewayLog.DeviceRegistrationRejected(
                            _logger, device?.Name ?? $"#{result.Index}", device?.Id.ToString() ?? result.DeviceId ?? "?", result.Error ?? result.Status);
                        break;
                }
            }
        }

        if (awaitingChain > 0)
        {
            GatewayLog.DevicesAwaitingChainRegistration(_logger, awaitingChain);
        }

        GatewayLog.DevicesRegistered(_logger, devices.Count, _options.NodeUrl, registered, already);
    }
}
