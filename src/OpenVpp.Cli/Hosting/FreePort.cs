using System.Net;
using System.Net.Sockets;

namespace OpenVpp.Cli.Hosting;

/// <summary>A loopback TCP port nobody is listening on right now, for a node the CLI starts.</summary>
internal static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
