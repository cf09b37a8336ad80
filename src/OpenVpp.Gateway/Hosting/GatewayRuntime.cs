using OpenVpp.Gateway.Keystore;
using OpenVpp.Gateway.Outbox;

namespace OpenVpp.Gateway.Hosting;

/// <summary>
/// The gateway's opened state (keystore and outbox), filled in by <see cref="GatewayStartup"/> once options are
/// valid, so nothing touches the data directory before validation.
/// </summary>
internal sealed class GatewayRuntime : IDisposable
{
    private DeviceKeystore? _keystore;
    private OutboxStore? _outbox;
    private Dictionary<string, DeviceIdentity> _byId = [];

    public DeviceKeystore Keystore => _keystore ?? throw new InvalidOperationException("The gateway has not started.");

    public OutboxStore Outbox => _outbox ?? throw new InvalidOperationException("The gateway has not started.");

    public void Open(DeviceKeystore keystore, OutboxStore outbox)
    {
        _keystore = keystore;
        _outbox = outbox;
        _byId = keystore.Devices.ToDictionary(d => d.Id.ToString(), StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The device's name for log lines, or its id when it is not in the keystore.</summary>
    public string NameOf(string deviceId) => _byId.TryGetValue(deviceId, out var device) ? device.Name : deviceId;

    public void Dispose()
    {
        _outbox?.Dispose();
        _keystore?.Dispose();
    }
}
