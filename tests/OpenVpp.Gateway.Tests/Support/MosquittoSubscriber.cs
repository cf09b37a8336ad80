using System.Collections.Concurrent;
using System.Diagnostics;

namespace OpenVpp.Gateway.Tests.Support;

/// <summary>mosquitto_sub on a filter, collecting "retain|topic|payload" lines; ready once the broker acknowledged the subscription.</summary>
internal sealed class MosquittoSubscriber : IAsyncDisposable
{
    private readonly Process _process;
    private readonly TaskCompletionSource _subscribed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private MosquittoSubscriber(int port, string filter)
    {
        var info = new ProcessStartInfo(
            "/usr/bin/mosquitto_sub",
            ["-h", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-t", filter, "-q", "1", "-d", "-F", "%r|%t|%p"])
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        _process = Process.Start(info)!;
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not { } line)
            {
                return;
            }

            if (line.Contains("SUBACK", StringComparison.Ordinal))
            {
                _subscribed.TrySetResult();
            }
            else if (line.Length > 2 && line[1] == '|' && line[0] is '0' or '1')
            {
                var parts = line.Split('|', 3);
                Messages.Enqueue(new Received(parts[0] == "1", parts[1], parts[2]));
            }
        };
        _process.BeginOutputReadLine();
    }

    public ConcurrentQueue<Received> Messages { get; } = new();

    public static async Task<MosquittoSubscriber> StartAsync(int port, string filter)
    {
        var subscriber = new MosquittoSubscriber(port, filter);
        await subscriber._subscribed.Task.WaitAsync(TimeSpan.FromSeconds(10));
        return subscriber;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    public sealed record Received(bool Retained, string Topic, string Payload);
}
