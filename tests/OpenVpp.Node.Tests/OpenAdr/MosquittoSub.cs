using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace OpenVpp.Node.Tests.OpenAdr;

/// <summary>
/// Debian's mosquitto_sub as an independent MQTT client of the VTN's notifier broker, logged in with a clientID and
/// an access token. Its debug output tells when the broker answered CONNECT and SUBSCRIBE, so tests wait on that
/// rather than on sleeps. ./test installs mosquitto-clients (tools/prepare-debian.sh).
/// </summary>
internal sealed class MosquittoSub : IAsyncDisposable
{
    public const string Path = "/usr/bin/mosquitto_sub";
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private MosquittoSub(int port, string user, string password, string filter)
    {
        if (!File.Exists(Path))
        {
            throw new InvalidOperationException($"{Path} is missing: install Debian's mosquitto-clients (./test does).");
        }

        // stdbuf: mosquitto_sub's debug lines are block-buffered into a pipe, and the SUBACK line is what tells "ready".
        var info = new ProcessStartInfo(
            "/usr/bin/stdbuf",
            ["-oL", "-eL", Path, "-d", "-V", "mqttv311", "-i", "vtn-test-" + Guid.NewGuid().ToString("N")[..8], "-h", "127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture),
             "-u", user, "-P", password, "-t", filter, "-q", "1", "-F", "MSG|%t|%p"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        _process = Process.Start(info)!;
        _process.OutputDataReceived += (_, e) => Collect(e.Data);
        _process.ErrorDataReceived += (_, e) => Collect(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>Everything it printed so far (debug lines, errors and MSG|topic|payload lines).</summary>
    public string Transcript => string.Join('\n', _output);

    public IReadOnlyList<(string Topic, string Payload)> Messages =>
        [.. _output.Where(l => l.StartsWith("MSG|", StringComparison.Ordinal)).Select(l => l.Split('|', 3)).Select(p => (p[1], p[2]))];

    public bool Exited => _process.HasExited;

    /// <summary>Starts it and waits until the broker has answered its SUBSCRIBE (or refused it or the connection).</summary>
    public static async Task<MosquittoSub> StartAsync(int port, string user, string password, string filter)
    {
        var sub = new MosquittoSub(port, user, password, filter);
        for (var i = 0; i < 200 && !sub.Transcript.Contains("received SUBACK", StringComparison.Ordinal) && !sub._process.HasExited; i++)
        {
            await Task.Delay(50);
        }

        return sub;
    }

    /// <summary>Waits up to 10 s for a message on <paramref name="topic"/>.</summary>
    public async Task<string?> NextOnAsync(string topic)
    {
        for (var i = 0; i < 200; i++)
        {
            var found = Messages.FirstOrDefault(m => m.Topic == topic);
            if (found.Topic is not null)
            {
                return found.Payload;
            }

            await Task.Delay(50);
        }

        return null;
    }

    private void Collect(string? line)
    {
        if (line is not null)
        {
            _output.Enqueue(line);
        }
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
}
