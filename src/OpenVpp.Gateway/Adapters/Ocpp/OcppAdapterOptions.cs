using OpenVpp.Protocols.Ocpp;

namespace OpenVpp.Gateway.Adapters.Ocpp;

/// <summary>
/// The OCPP adapter: a CSMS on <see cref="Port"/> that chargers connect to at ws://gateway:Port/ocpp/{stationId}
/// (subprotocol ocpp1.6 or ocpp2.0.1). Stations not listed in <see cref="Stations"/> are refused before the WebSocket
/// upgrade (HTTP 404) unless <see cref="AllowUnknownStations"/>, in which case they are answered but never metered (a
/// log line names them so the operator can add them). A listed station with a password must authenticate (HTTP 401
/// otherwise).
/// </summary>
public sealed record OcppAdapterOptions
{
    /// <summary>TCP port of the CSMS; 9000 by default. 0 picks a free port (tests).</summary>
    public int Port { get; init; } = 9000;

    /// <summary>Address to bind: "0.0.0.0" (default) for chargers on the LAN, "127.0.0.1" for loopback only.</summary>
    public string ListenAddress { get; init; } = "0.0.0.0";

    /// <summary>The chargers this gateway meters and controls.</summary>
    public IReadOnlyList<OcppStationOptions> Stations { get; init; } = [];

    /// <summary>
    /// Whether stations not in <see cref="Stations"/> may connect (answered, not metered). False by default: they are
    /// refused before the upgrade.
    /// </summary>
    public bool AllowUnknownStations { get; init; }

    /// <summary>Which profile carries a demand-response limit: the station maximum (default) or the transaction default.</summary>
    public OcppProfilePurpose LimitPurpose { get; init; } = OcppProfilePurpose.StationMax;

    /// <summary>Stack level of the limiting profile; higher wins over the station's own profiles of the same purpose.</summary>
    public int LimitStackLevel { get; init; } = 1;

    /// <summary>Heartbeat interval asked of the stations, in seconds.</summary>
    public int HeartbeatIntervalS { get; init; } = 60;

    /// <summary>How long a charging-profile CALL waits for the station's answer.</summary>
    public TimeSpan CallTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Largest message a station may send, in bytes.</summary>
    public int MaxMessageBytes { get; init; } = 64 * 1024;

    /// <summary>Throws with a message naming the bad value.</summary>
    public void Validate()
    {
        var duplicate = Stations.GroupBy(s => s.StationId, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"OCPP station '{duplicate.Key}' is listed twice; station ids must be unique.");
        }

        foreach (var s in Stations)
        {
            if (string.IsNullOrWhiteSpace(s.StationId) || s.StationId.Length > 48 || string.IsNullOrWhiteSpace(s.DeviceName))
            {
                throw new ArgumentException($"OCPP station '{s.StationId}' needs an id of 1 to 48 characters and a device name.");
            }

            if (s.NameplatePowerW <= 0)
            {
                throw new ArgumentException($"OCPP station '{s.StationId}' needs a positive nameplate power in W (for example 11000).");
            }

            if (s.Password is not null && Protocols.Ocpp.Transport.OcppStationAccess.CheckPassword(s.Password) is { } problem)
            {
                throw new ArgumentException($"OCPP station '{s.StationId}': {problem}.");
            }
        }

        if (LimitStackLevel < 0)
        {
            throw new ArgumentException("OCPP LimitStackLevel must be 0 or more.");
        }

        ToCsmsOptions().Validate();
    }

    internal Protocols.Ocpp.Transport.OcppCsmsOptions ToCsmsOptions() => new()
    {
        Port = Port,
        ListenAddress = ListenAddress,
        HeartbeatIntervalS = HeartbeatIntervalS,
        CallTimeout = CallTimeout,
        MaxMessageBytes = MaxMessageBytes,
        StationAccess = StationAccess(),
    };

    private Func<string, Protocols.Ocpp.Transport.OcppStationAccess> StationAccess()
    {
        var byId = Stations.ToDictionary(
            s => s.StationId,
            s => s.Password is null ? Protocols.Ocpp.Transport.OcppStationAccess.Open : Protocols.Ocpp.Transport.OcppStationAccess.WithPassword(s.Password),
            StringComparer.Ordinal);
        var unknown = AllowUnknownStations ? Protocols.Ocpp.Transport.OcppStationAccess.Open : Protocols.Ocpp.Transport.OcppStationAccess.Unknown;
        return id => byId.GetValueOrDefault(id, unknown);
    }
}
