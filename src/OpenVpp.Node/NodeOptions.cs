using OpenVpp.Core.Epochs;
using OpenVpp.Core.Validation;

namespace OpenVpp.Node;

/// <summary>Everything an <c>openvpp node</c> needs to start; checked by <see cref="Validate"/> before anything opens.</summary>
public sealed class NodeOptions
{
    public static readonly DateTimeOffset DefaultGenesis = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Directory holding node.db (created when missing).</summary>
    public string DataDir { get; set; } = "";

    /// <summary>Address to listen on; port 0 picks a free port (read it from the server's addresses).</summary>
    public string Url { get; set; } = "http://127.0.0.1:8640";

    public TimeSpan EpochLength { get; set; } = EpochSchedule.DefaultLength;

    /// <summary>Start of epoch 0.</summary>
    public DateTimeOffset Genesis { get; set; } = DefaultGenesis;

    /// <summary>How far a reading's interval end may lie ahead of the node's clock.</summary>
    public TimeSpan MaxClockSkew { get; set; } = TimestampRules.DefaultMaxClockSkew;

    /// <summary>Multiplier on nameplate bounds (1.05 = 5 % slack).</summary>
    public double PlausibilityTolerance { get; set; } = PlausibilityRules.DefaultTolerance;

    /// <summary>Most readings accepted in one POST /v1/readings.</summary>
    public int MaxBatchSize { get; set; } = 5000;

    /// <summary>How often the sealer looks for epochs whose end has passed.</summary>
    public TimeSpan SealCheckInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The value layer (on-chain registry, epoch commits, rewards); null runs the node off-chain.</summary>
    public ChainOptions? Chain { get; set; }

    /// <summary>Demand response: how the fleet is dispatched for operator events and how delivery is measured.</summary>
    public DemandResponse.DemandResponseOptions DemandResponse { get; set; } = new();

    /// <summary>
    /// Port of the OpenADR 3.1 MQTT notifier's broker (0: a free one, shown in GET /notifiers and the log); null runs
    /// the VTN with webhook notifications only. It binds where <see cref="Url"/> does: loopback unless that is 0.0.0.0.
    /// </summary>
    public int? OpenAdrMqttPort { get; set; }

    /// <summary>Throws <see cref="ArgumentException"/> naming every bad value and what to use instead.</summary>
    public void Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(DataDir))
        {
            errors.Add("DataDir is empty: give the directory where node.db should live.");
        }

        if (!Uri.TryCreate(Url, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            errors.Add($"Url '{Url}' is not an http(s) URL such as http://127.0.0.1:8640.");
        }

        if (EpochLength < TimeSpan.FromSeconds(1))
        {
            errors.Add($"EpochLength {EpochLength} is too short: use at least 1 second (default 1 hour).");
        }

        if (Genesis.Offset != TimeSpan.Zero)
        {
            errors.Add($"Genesis {Genesis:O} must be given in UTC (offset +00:00).");
        }

        if (MaxClockSkew < TimeSpan.Zero)
        {
            errors.Add($"MaxClockSkew {MaxClockSkew} is negative: use zero or more (default 5 minutes).");
        }

        if (!(PlausibilityTolerance >= 1.0) || double.IsInfinity(PlausibilityTolerance))
        {
            errors.Add($"PlausibilityTolerance {PlausibilityTolerance} must be a finite number of at least 1.0 (default 1.05).");
        }

        if (MaxBatchSize is < 1 or > 100_000)
        {
            errors.Add($"MaxBatchSize {MaxBatchSize} must be between 1 and 100000 (default 5000).");
        }

        if (SealCheckInterval <= TimeSpan.Zero)
        {
            errors.Add($"SealCheckInterval {SealCheckInterval} must be positive (default 1 second).");
        }

        if (OpenAdrMqttPort is < 0 or > 65535)
        {
            errors.Add($"OpenAdrMqttPort {OpenAdrMqttPort} must be 0 (a free port) to 65535.");
        }

        errors.AddRange(DemandResponse.Problems());
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid node options: " + string.Join(" ", errors));
        }
    }
}
