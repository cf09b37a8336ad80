namespace OpenVpp.Gateway.Adapters;

/// <summary>
/// An adapter over real devices (OCPP, SunSpec Modbus, DSMR P1, MQTT): besides answering for intervals it keeps its
/// connections alive. The gateway runs <see cref="RunAsync"/> for the host's lifetime; the adapter connects, reads or
/// polls, and when a device disappears marks it offline and retries with backoff. A device that fails never stops the
/// gateway: <see cref="RunAsync"/> handles its own errors, and if it throws anyway the gateway logs it and restarts it.
/// </summary>
public interface ILiveDeviceAdapter : IDeviceAdapter
{
    /// <summary>Runs until <paramref name="cancellationToken"/> is cancelled; then closes its connections and returns.</summary>
    Task RunAsync(CancellationToken cancellationToken);

    /// <summary>Whether each device is reachable now, for status output and logs.</summary>
    IReadOnlyList<DeviceLinkState> LinkStates { get; }
}

/// <summary>One device's link: online or not, since when, and the last error seen (null when none).</summary>
public sealed record DeviceLinkState(string DeviceName, bool Online, DateTimeOffset? Since, string? LastError);
