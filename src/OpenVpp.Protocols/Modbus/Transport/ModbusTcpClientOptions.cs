namespace OpenVpp.Protocols.Modbus.Transport;

/// <summary>Where a Modbus TCP server is and how long to wait for it.</summary>
/// <param name="Host">Host name or IP address of the device or Modbus gateway.</param>
/// <param name="Port">TCP port; 502 is the registered Modbus port.</param>
/// <param name="RequestTimeout">How long one request (including connecting, when needed) may take before it fails.</param>
public sealed record ModbusTcpClientOptions(string Host, int Port = 502, TimeSpan? RequestTimeout = null)
{
    public static readonly TimeSpan DefaultRequestTimeout = TimeSpan.FromSeconds(3);

    public TimeSpan Timeout => RequestTimeout ?? DefaultRequestTimeout;
}
