namespace OpenVpp.Gateway.Configuration;

/// <summary>The <c>gateway:</c> section: where data lives, where readings go, and the defaults for devices.</summary>
public sealed class GatewaySection
{
    /// <summary>Directory for keystore.json and outbox.db (relative paths are from the current directory).</summary>
    public string Data { get; set; } = "data/gateway";

    public string Node { get; set; } = "http://127.0.0.1:8640";

    public string Owner { get; set; } = "local-owner";

    /// <summary>Metering interval, for example 15m.</summary>
    public string Interval { get; set; } = "15m";

    /// <summary>Region of devices that name none (for example NL-NH).</summary>
    public string? Region { get; set; }

    /// <summary>Site of devices that name none (for example home-1).</summary>
    public string? Site { get; set; }

    public string MaxBackoff { get; set; } = "60s";
}
