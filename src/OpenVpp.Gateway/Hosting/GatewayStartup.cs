using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenVpp.Gateway.Adapters;
using OpenVpp.Gateway.Keystore;
using OpenVpp.Gateway.Outbox;

namespace OpenVpp.Gateway.Hosting;

/// <summary>
/// Runs first at start: creates the data directory (0700), loads the keystore (creating keys for new devices) and
/// opens the outbox. A failure here (unsafe keystore, unwritable directory) stops the host with its message.
/// </summary>
internal sealed class GatewayStartup : IHostedService
{
    private readonly GatewayRuntime _runtime;
    private readonly IEnumerable<IDeviceAdapter> _adapters;
    private readonly GatewayOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<GatewayStartup> _logger;

    public GatewayStartup(GatewayRuntime runtime, IEnumerable<IDeviceAdapter> adapters, IOptions<GatewayOptions> options, TimeProvider time, ILogger<GatewayStartup> logger)
    {
        _runtime = runtime;
        _adapters = adapters;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var dataDir = Path.GetFullPath(_options.DataDir);
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(dataDir);
        }
        else
        {
            Directory.CreateDirectory(dataDir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var descriptors = _adapters.SelectMany(a => a.Devices).Select(d => d.Descriptor).ToList();
        var repeated = descriptors.GroupBy(d => d.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (repeated is not null)
        {
            throw new InvalidOperationException($"Two adapters report a device named '{repeated.Key}'; device names must be unique within a gateway.");
        }

        var keystore = DeviceKeystore.LoadOrCreate(Path.Combine(dataDir, DeviceKeystore.FileName), descriptors);
        OutboxStore outbox;
        try
        {
            outbox = OutboxStore.Open(Path.Combine(dataDir, OutboxStore.FileName), _time);
        }
        catch
        {
            keystore.Dispose();
            throw;
        }

        _runtime.Open(keystore, outbox);
        GatewayLog.KeystoreLoaded(_logger, keystore.Path, keystore.Devices.Count, keystore.Created);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
