using System.Globalization;
using OpenVpp.Protocols.Dsmr.Transport;

namespace OpenVpp.Gateway.Adapters.P1;

/// <summary>
/// One DSMR P1 smart meter at a grid connection, read from a serial port (<see cref="SerialPort"/>) or a TCP socket
/// (<see cref="TcpEndpoint"/>, ser2net style): exactly one of the two. It becomes one
/// <see cref="Core.Devices.DeviceKind.GridMeter"/> device: imported = taken from the grid, exported = fed in.
/// </summary>
public sealed record P1AdapterOptions
{
    /// <summary>The device's name in the gateway, unique and stable (for example "home-0007/grid").</summary>
    public required string DeviceName { get; init; }

    public required string Region { get; init; }

    public required string Site { get; init; }

    /// <summary>What the connection can carry, in W; 17,250 W is a common 3 × 25 A household connection.</summary>
    public long NameplatePowerW { get; init; } = 17_250;

    /// <summary>Serial device, for example "/dev/ttyUSB0"; null when reading over TCP.</summary>
    public string? SerialPort { get; init; }

    /// <summary>115200 for DSMR 4 and 5; 9600 for DSMR 2.2/3.0.</summary>
    public int BaudRate { get; init; } = 115_200;

    /// <summary>"8N1" for DSMR 4 and 5; "7E1" for DSMR 2.2/3.0.</summary>
    public string SerialFraming { get; init; } = "8N1";

    /// <summary>"host:port" of a ser2net-style socket, for example "192.0.2.7:2001"; null when reading a serial port.</summary>
    public string? TcpEndpoint { get; init; }

    /// <summary>No telegram for this long marks the meter offline and reconnects (meters send every 1–10 s).</summary>
    public TimeSpan OfflineAfter { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Longest wait between reconnection attempts; the wait starts at 1 s and doubles.</summary>
    public TimeSpan MaxReconnectDelay { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The 32-hex-digit key of a Luxembourg Smarty meter, whose P1 port sends AES-128-GCM encrypted frames (the grid
    /// operator gives it to the customer); null for meters that send plain telegrams.
    /// </summary>
    public string? SmartyKeyHex { get; init; }

    /// <summary>What is wrong with these options, one message each; empty when they are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(DeviceName))
        {
            errors.Add("p1: a device name is required.");
        }

        if ((SerialPort is null) == (TcpEndpoint is null))
        {
            errors.Add($"p1 {DeviceName}: give either a serial port or a TCP endpoint (host:port), not both or neither.");
        }

        if (TcpEndpoint is not null && !TryParseEndpoint(TcpEndpoint, out _, out _))
        {
            errors.Add($"p1 {DeviceName}: TCP endpoint '{TcpEndpoint}' is not host:port.");
        }

        if (SerialPort is not null && (BaudRate <= 0 || !new P1SerialSettings(SerialPort, BaudRate, SerialFraming).TryParseFraming(out _, out _, out _)))
        {
            errors.Add($"p1 {DeviceName}: serial settings {BaudRate} {SerialFraming} are not valid (use 115200 8N1, or 9600 7E1 for DSMR 2.2/3.0).");
        }

        if (SmartyKeyHex is not null && ParseKey(SmartyKeyHex) is null)
        {
            errors.Add($"p1 {DeviceName}: the Smarty key must be 32 hex digits (16 bytes).");
        }

        if (OfflineAfter <= TimeSpan.Zero || MaxReconnectDelay <= TimeSpan.Zero || NameplatePowerW <= 0)
        {
            errors.Add($"p1 {DeviceName}: offline time, reconnect delay and nameplate power must be positive.");
        }

        return errors;
    }

    internal IP1Connection CreateConnection()
    {
        if (Validate() is [var first, ..])
        {
            throw new ArgumentException(first);
        }

        return TcpEndpoint is not null && TryParseEndpoint(TcpEndpoint, out var host, out var port)
            ? new P1TcpConnection(host, port)
            : new P1SerialConnection(new P1SerialSettings(SerialPort!, BaudRate, SerialFraming));
    }

    /// <summary>A 16-byte key from 32 hex digits; null when it is not one.</summary>
    public static byte[]? ParseKey(string hex)
    {
        try
        {
            var key = Convert.FromHexString(hex.Trim());
            return key.Length == 16 ? key : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>Splits "host:port" (IPv6 as "[::1]:2001").</summary>
    public static bool TryParseEndpoint(string text, out string host, out int port)
    {
        host = string.Empty;
        port = 0;
        var colon = text?.LastIndexOf(':') ?? -1;
        if (colon <= 0 || !int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out port) || port is < 1 or > 65535)
        {
            return false;
        }

        host = text![..colon].Trim('[', ']');
        return host.Length > 0;
    }
}
