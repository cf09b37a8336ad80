using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace OpenVpp.Protocols.Tests.Ocpp.Support;

/// <summary>
/// The real charge point of tools/peers/ocpp-station.mjs (npm ocpp-rpc, strict mode) as a child process: commands go
/// to its stdin as JSON lines, its events come back as JSON lines. Disposing closes stdin, which ends it.
/// </summary>
public sealed class OcppStationPeer : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private readonly Process _process;
    private readonly Channel<JsonObject> _events = Channel.CreateUnbounded<JsonObject>();
    private readonly List<JsonObject> _seen = [];
    private readonly System.Text.StringBuilder _stderr;
    private int _tags;

    private OcppStationPeer(Process process, string readyLine, System.Text.StringBuilder stderr)
    {
        _process = process;
        _stderr = stderr;
        ReadyLine = readyLine;
    }

    /// <summary>The first line the peer printed: "ready ocpp1.6" or "refused &lt;reason&gt;".</summary>
    public string ReadyLine { get; }

    public string? Protocol => ReadyLine.StartsWith("ready ", StringComparison.Ordinal) ? ReadyLine[6..] : null;

    /// <summary>Starts the peer; with <paramref name="password"/> it authenticates with HTTP Basic (Security Profile 1).</summary>
    public static async Task<OcppStationPeer> StartAsync(int port, string stationId, string protocols, string? password = null)
    {
        var root = RepoRoot();
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = root,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { Path.Combine(root, "tools", "peers", "ocpp-station.mjs"), "--url", $"ws://127.0.0.1:{port}/ocpp", "--id", stationId, "--protocols", protocols })
        {
            start.ArgumentList.Add(a);
        }

        if (password is not null)
        {
            start.ArgumentList.Add("--password");
            start.ArgumentList.Add(password);
        }

        Assert.True(File.Exists(Path.Combine(root, "node_modules", "ocpp-rpc", "package.json")), $"npm ocpp-rpc is not installed: run `npm ci` in {root}.");
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start node");
        var stderr = new System.Text.StringBuilder();
        process.ErrorDataReceived += (_, e) => { lock (stderr) { stderr.AppendLine(e.Data); } };
        process.BeginErrorReadLine();
        // Events printed while connecting (a refused connection's close) come before the ready or refused line.
        var first = await process.StandardOutput.ReadLineAsync().WaitAsync(Patience);
        while (first is not null && first.StartsWith('{'))
        {
            first = await process.StandardOutput.ReadLineAsync().WaitAsync(Patience);
        }

        if (first is null)
        {
            await process.WaitForExitAsync().WaitAsync(Patience);
            Assert.Fail($"the OCPP peer exited before connecting: {stderr}");
        }

        var peer = new OcppStationPeer(process, first!, stderr);
        _ = peer.PumpAsync();
        return peer;
    }

    /// <summary>Sends a command; returns its tag, which the peer echoes on the command's answer.</summary>
    public async Task<string> SendAsync(JsonObject command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var tag = $"t{Interlocked.Increment(ref _tags)}";
        command["tag"] = tag;
        await _process.StandardInput.WriteLineAsync(command.ToJsonString());
        await _process.StandardInput.FlushAsync();
        return tag;
    }

    /// <summary>Sends a strict CALL and returns the peer's answer event (result or error).</summary>
    public async Task<JsonObject> CallAsync(string action, JsonObject payload)
    {
        var tag = await SendAsync(new JsonObject { ["cmd"] = "call", ["action"] = action, ["payload"] = payload });
        return await WaitForAsync(e => (string?)e["tag"] == tag, $"the answer to {action}");
    }

    /// <summary>Waits for an event (seen before or arriving later) that matches <paramref name="match"/>.</summary>
    public async Task<JsonObject> WaitForAsync(Func<JsonObject, bool> match, string what)
    {
        lock (_seen)
        {
            var earlier = _seen.FirstOrDefault(match);
            if (earlier is not null)
            {
                return earlier;
            }
        }

        using var timeout = new CancellationTokenSource(Patience);
        try
        {
            while (true)
            {
                var e = await _events.Reader.ReadAsync(timeout.Token);
                if (match(e))
                {
                    return e;
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ChannelClosedException)
        {
            List<JsonObject> seen;
            lock (_seen)
            {
                seen = [.. _seen];
            }

            Assert.Fail($"the OCPP peer did not report {what} within {Patience.TotalSeconds} s. It said: {string.Join(" | ", seen.Select(s => s.ToJsonString()))} stderr: {_stderr}");
            throw;
        }
    }

    /// <summary>Frames the peer received, parsed.</summary>
    public async Task<JsonArray> WaitForFrameAsync(Func<JsonArray, bool> match, string what)
    {
        var e = await WaitForAsync(e => (string?)e["event"] == "in" && match(JsonNode.Parse((string)e["message"]!)!.AsArray()), what);
        return JsonNode.Parse((string)e["message"]!)!.AsArray();
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            _process.StandardInput.Close();
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception e) when (e is TimeoutException or IOException or InvalidOperationException)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }

    private async Task PumpAsync()
    {
        while (await _process.StandardOutput.ReadLineAsync() is { } line)
        {
            if (line.Length == 0 || line[0] != '{')
            {
                continue;
            }

            var e = JsonNode.Parse(line)!.AsObject();
            lock (_seen)
            {
                _seen.Add(e);
            }

            await _events.Writer.WriteAsync(e);
        }

        _events.Writer.TryComplete();
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "OpenVpp.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No OpenVpp.slnx above {AppContext.BaseDirectory}.");
    }

    /// <summary>Parses one JSON text, for building payloads in tests.</summary>
    public static JsonObject Obj(string json) => JsonNode.Parse(json)!.AsObject();

    internal static JsonElement Element(JsonNode node) => JsonSerializer.SerializeToElement(node);
}
