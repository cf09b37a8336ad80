using System.Net;
using System.Net.Sockets;

namespace OpenVpp.Gateway.Tests.Support;

/// <summary>A loopback TCP port that was free a moment ago (the OS picks it).</summary>
internal static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Waits until something accepts TCP connections on 127.0.0.1:<paramref name="port"/>.</summary>
    public static async Task WaitUntilAcceptingAsync(int port, int timeoutSeconds = 10)
    {
        await Wait.UntilAsync(async () =>
        {
            using var client = new TcpClient();
            try
            {
                await client.ConnectAsync(IPAddress.Loopback, port);
                return true;
            }
            catch (SocketException)
            {
                return false;
            }
        }, timeoutSeconds: timeoutSeconds);
    }
}
