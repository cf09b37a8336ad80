namespace OpenVpp.Protocols.Ocpp.Transport;

/// <summary>
/// How the CSMS listens and talks. Stations connect to ws://ListenAddress:Port/ocpp/{stationId} offering the
/// subprotocols ocpp1.6 and/or ocpp2.0.1.
/// </summary>
public sealed record OcppCsmsOptions
{
    /// <summary>TCP port; 0 picks a free one (see <see cref="OcppCsms.Port"/>). 9000 is a common CSMS port.</summary>
    public int Port { get; init; } = 9000;

    /// <summary>Address to bind: "0.0.0.0" for chargers on the LAN, "127.0.0.1" for loopback only.</summary>
    public string ListenAddress { get; init; } = "0.0.0.0";

    /// <summary>A station message larger than this is refused (CALLERROR) without being buffered.</summary>
    public int MaxMessageBytes { get; init; } = 64 * 1024;

    /// <summary>How long a CALL from the CSMS waits for the station's answer.</summary>
    public TimeSpan CallTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The heartbeat interval the CSMS asks for in its BootNotification answer, in seconds.</summary>
    public int HeartbeatIntervalS { get; init; } = 300;

    /// <summary>WebSocket ping interval, so half-open connections are noticed.</summary>
    public TimeSpan KeepAliveInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Decides, before the WebSocket upgrade, whether a station id may connect and with which password (OCPP Security
    /// Profile 1). Null (default) accepts every station without a password, as when commissioning. Called once per
    /// connection attempt: it must be quick and must not throw.
    /// </summary>
    public Func<string, OcppStationAccess>? StationAccess { get; init; }

    /// <summary>Throws when a value makes no sense, with a message saying which and why.</summary>
    public void Validate()
    {
        if (Port is < 0 or > 65535)
        {
            throw new ArgumentException($"OCPP port {Port} is not a TCP port (0-65535).");
        }

        if (!System.Net.IPAddress.TryParse(ListenAddress, out _))
        {
            throw new ArgumentException($"OCPP listen address '{ListenAddress}' is not an IP address (for example 0.0.0.0 or 127.0.0.1).");
        }

        if (MaxMessageBytes < 1024)
        {
            throw new ArgumentException($"OCPP MaxMessageBytes {MaxMessageBytes} is too small: a BootNotification alone can need 1 KiB.");
        }

        if (CallTimeout <= TimeSpan.Zero || HeartbeatIntervalS <= 0)
        {
            throw new ArgumentException("OCPP CallTimeout and HeartbeatIntervalS must be positive.");
        }
    }
}
