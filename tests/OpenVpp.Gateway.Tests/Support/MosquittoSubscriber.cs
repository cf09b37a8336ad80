using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace OpenVpp.Gateway.Tests.Support;

/// <summary>
/// mosquitto_sub on a filter, collecting (retained, topic, payload). Ready once a probe message published with
/// mosquitto_pub on a private topic comes back, which proves the subscription is in place (no sleeps).
/// </summary>
internal sealed class MosquittoSubscriber : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _probeTopic = "openvpp-test-probe/" + Guid.NewGuid().ToString("N");
    private volatile bool _probed;

    private MosquittoSubscriber(int port, string filter)
    {
        var info = new ProcessStartInfo(
            "/usr/bin/mosquitto_sub",
            ["-i", "test-sub-" + Guid.NewGuid().ToString("N")[..8], "-h", "127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture),
             "-t", filter, "-t", _probeTopic, "-q", "1", "-F", "%r|%t|%p"])
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        _process = Process.Start(info)!;
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not { } line || line.Length < 3 || line[1] != '|')
            {
                return;
            }

            var parts = line.Split('|', 3);
            if (parts[1] == _probeTopic)
            {
                _probed = true;
            }
            else
            {
                Messages.Enqueue(new Received(parts[0] == "1", parts[1], parts[2]));
            }
        };
        _process.BeginOutputReadLine();
    }

    public ConcurrentQueue<Received> Messages { get; } = new();

    public static async Task<MosquittoSubscriber> StartAsync(int port, string filter)
    {
        var subscriber = new MosquittoSubscriber(port, filter);
        await Wait.UntilAsync(async () =>
        {
            if (!subscriber._probed)
            {
                await Mosquitto.PublishAsync(port, subscriber._probeTopic, "probe");
            }

            return subscriber._probed;
        }, timeoutSeconds: 10, pollMilliseconds: 100);
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
