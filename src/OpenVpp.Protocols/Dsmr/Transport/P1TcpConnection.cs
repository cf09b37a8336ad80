using System.Net.Sockets;

namespace OpenVpp.Protocols.Dsmr.Transport;

/// <summary>A P1 port exposed on the network, ser2net style: the meter's bytes arrive as they are on a TCP socket.</summary>
public sealed class P1TcpConnection : IP1Connection
{
    private readonly string _host;
    private readonly int _port;

    public P1TcpConnection(string host, int port)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(host);
        ArgumentOutOfRangeException.ThrowIfLessThan(port, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, 65535);
        _host = host;
        _port = port;
    }

    public string Description => $"tcp {_host}:{_port}";

    public async ValueTask<Stream> OpenAsync(CancellationToken cancellationToken)
    {
        var client = new TcpClient { NoDelay = true };
        try
        {
            await client.ConnectAsync(_host, _port, cancellationToken).ConfigureAwait(false);
            return new OwningStream(client.GetStream(), client);
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }
}
