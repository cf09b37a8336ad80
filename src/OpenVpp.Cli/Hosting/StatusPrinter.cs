using System.Globalization;
using OpenVpp.Cli.Verification;

namespace OpenVpp.Cli.Hosting;

/// <summary>Prints one status line per interval while `openvpp up` runs, from the node's own /v1/stats.</summary>
internal sealed class StatusPrinter(string nodeUrl) : IDisposable
{
    private readonly NodeClient _client = NodeClient.For(nodeUrl);

    public async Task RunUntilCancelledAsync(TimeSpan interval, CancellationToken cancel)
    {
        var every = interval < TimeSpan.FromSeconds(10) ? interval : TimeSpan.FromSeconds(10);
        try
        {
            while (!cancel.IsCancellationRequested)
            {
                await Task.Delay(every, cancel).ConfigureAwait(false);
                try
                {
                    var stats = await _client.GetStatsAsync(cancel).ConfigureAwait(false);
                    if (stats is not null)
                    {
                        var rejected = stats.Rejected.Where(r => r.Value > 0).Select(r => $"{r.Key} {r.Value}");
                        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                            $"{DateTimeOffset.UtcNow:HH:mm:ss} devices {stats.Stored.Devices}, readings stored {stats.Stored.Readings}, epochs sealed {stats.Stored.SealedEpochs}, rejected since start: {(rejected.Any() ? string.Join(", ", rejected) : "none")}"));
                    }
                }
                catch (HttpRequestException e)
                {
                    Console.WriteLine($"node not answering ({e.Message}); still trying");
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Ctrl-C: the caller stops the hosts.
        }
    }

    public void Dispose() => _client.Dispose();
}
