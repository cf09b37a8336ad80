using Microsoft.AspNetCore.Builder;

namespace OpenVpp.Cli.Hosting;

/// <summary>Starts a node host, turning the usual start-up failures into one line that says what to do.</summary>
internal static class NodeStarter
{
    /// <summary>Starts <paramref name="app"/>; on a taken port prints why and returns false.</summary>
    public static async Task<bool> TryStartAsync(WebApplication app, string url, CancellationToken cancel)
    {
        try
        {
            await app.StartAsync(cancel).ConfigureAwait(false);
            return true;
        }
        catch (IOException e) when (e.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException)
        {
            await Console.Error.WriteLineAsync(
                $"openvpp: {url} is already in use — another node (or `openvpp up`) is running there. Stop it, or pick another address (--port / --url).").ConfigureAwait(false);
            return false;
        }
    }
}
