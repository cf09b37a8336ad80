namespace OpenVpp.Gateway;

/// <summary>
/// What the gateway runs and where it sends. Validated when the host starts (see <see cref="GatewayOptionsValidator"/>),
/// so a bad value stops the gateway with a message naming the option instead of failing later.
/// </summary>
public sealed class GatewayOptions
{
    /// <summary>Directory holding keystore.json and outbox.db; created (mode 0700) when missing.</summary>
    public string DataDir { get; set; } = "";

    /// <summary>Base URL of the node, for example http://127.0.0.1:8640.</summary>
    public string NodeUrl { get; set; } = "http://127.0.0.1:8640";

    /// <summary>Owner the devices are registered to.</summary>
    public string Owner { get; set; } = "local-owner";

    /// <summary>Seed of the simulated fleet; the same seed always gives the same devices and measurements.</summary>
    public int Seed { get; set; } = 1;

    /// <summary>Number of simulated homes' devices (0 runs no simulator).</summary>
    public int DeviceCount { get; set; } = 20;

    /// <summary>Start of simulated time; intervals are aligned to it.</summary>
    public DateTimeOffset SimulationOrigin { get; set; }

    /// <summary>Last instant simulated readings may cover: intervals ending after it are not produced (null: no end).</summary>
    public DateTimeOffset? SimulationEnd { get; set; }

    /// <summary>Length of one metering interval.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Regions simulated homes are spread over; empty for the simulator's default.</summary>
    public IReadOnlyList<string> Regions { get; set; } = [];

    /// <summary>Most readings per upload request.</summary>
    public int UploadBatchSize { get; set; } = 1000;

    /// <summary>Longest wait between retries while the node is unreachable.</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long acknowledged readings stay in the outbox for audit before they are pruned.</summary>
    public TimeSpan AckedRetention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Timeout of one HTTP request to the node.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The VTN this gateway answers to as an OpenADR 3.1 VEN; null runs without demand response.</summary>
    public OpenAdr.VenOptions? Ven { get; set; }

    internal void CopyTo(GatewayOptions target)
    {
        target.Ven = Ven;
        target.DataDir = DataDir;
        target.NodeUrl = NodeUrl;
        target.Owner = Owner;
        target.Seed = Seed;
        target.DeviceCount = DeviceCount;
        target.SimulationOrigin = SimulationOrigin;
        target.SimulationEnd = SimulationEnd;
        target.Interval = Interval;
        target.Regions = [.. Regions];
        target.UploadBatchSize = UploadBatchSize;
        target.MaxBackoff = MaxBackoff;
        target.AckedRetention = AckedRetention;
        target.RequestTimeout = RequestTimeout;
    }
}
