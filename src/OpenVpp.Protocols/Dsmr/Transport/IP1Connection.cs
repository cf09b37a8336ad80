namespace OpenVpp.Protocols.Dsmr.Transport;

/// <summary>Where P1 bytes come from: a serial port or a TCP socket (ser2net). Each open gives a fresh stream.</summary>
public interface IP1Connection
{
    /// <summary>For logs, for example "tcp 192.0.2.7:2001" or "serial /dev/ttyUSB0 115200 8N1".</summary>
    string Description { get; }

    /// <summary>Opens the connection; the caller disposes the stream. Throws <see cref="IOException"/> or a socket error when it cannot.</summary>
    ValueTask<Stream> OpenAsync(CancellationToken cancellationToken);
}
