namespace OpenVpp.Gateway.Configuration;

/// <summary>The <c>ocpp:</c> section: the local charging station management system chargers connect to.</summary>
public sealed class OcppSection
{
    /// <summary>Address to listen on; 0.0.0.0 to accept chargers on the local network.</summary>
    public string Bind { get; set; } = "127.0.0.1";

    /// <summary>TCP port; chargers connect to ws://HOST:PORT/ocpp/{station id}.</summary>
    public int Port { get; set; } = 9220;

    /// <summary>
    /// Whether chargers not listed under devices may connect (answered, never metered). False by default: they are
    /// refused before the WebSocket upgrade.
    /// </summary>
    public bool AllowUnknownStations { get; set; }

    /// <summary>
    /// Which charging profile carries a demand-response limit: <c>station_max</c> (ChargePointMaxProfile /
    /// ChargingStationMaxProfile, the default) or <c>tx_default</c> (TxDefaultProfile), for chargers that honour only that one.
    /// </summary>
    public string LimitProfile { get; set; } = StationMax;

    public const string StationMax = "station_max";
    public const string TxDefault = "tx_default";
}
