namespace OpenVpp.Gateway.Configuration;

/// <summary>A checked gateway configuration: the file as written plus its parsed values.</summary>
public sealed record GatewayConfig(string Path, GatewayConfigFile File, TimeSpan Interval, TimeSpan MaxBackoff, IReadOnlyList<ConfiguredDevice> Devices)
{
    /// <summary>The adapters to run, grouped by connection (filled in by <see cref="GatewayConfigReader"/>).</summary>
    public ConfiguredAdapterSet Adapters { get; init; } = ConfiguredAdapterSet.None;

    /// <summary>The devices of one adapter (ocpp, sunspec, p1, mqtt), in file order.</summary>
    public IEnumerable<ConfiguredDevice> DevicesOf(string adapter) =>
        Devices.Where(d => string.Equals(d.Entry.Adapter, adapter, StringComparison.OrdinalIgnoreCase));

    /// <summary>Gateway options for this file; <paramref name="dataDir"/> and <paramref name="nodeUrl"/> override the file's.</summary>
    public GatewayOptions ToOptions(DateTimeOffset origin, string? dataDir = null, string? nodeUrl = null) => new()
    {
        DataDir = System.IO.Path.GetFullPath(dataDir ?? File.Gateway.Data),
        NodeUrl = nodeUrl ?? File.Gateway.Node,
        Owner = File.Gateway.Owner,
        Seed = File.Simulator?.Seed ?? 1,
        DeviceCount = File.Simulator?.Devices ?? 0,
        Regions = File.Simulator?.Regions is { Count: > 0 } regions ? [.. regions] : File.Gateway.Region is { } r ? [r] : [],
        Interval = Interval,
        SimulationOrigin = origin,
        MaxBackoff = MaxBackoff,
    };
}
