using System.Diagnostics;
using System.Threading.Channels;

namespace OpenVpp.Cli.Peers;

/// <summary>
/// A peer script run by Node.js: one line per command on stdin, lines out on stdout. The scripts exit when their stdin
/// closes, so a killed openvpp leaves no peer behind.
/// </summary>
internal sealed class NodePeerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();
    private readonly Queue<string> _errors = new();

    private NodePeerProcess(Process process)
    {
        _process = process;
    }

    public bool HasExited => _process.HasExited;

    /// <summary>Starts <paramref name="script"/> and returns its first stdout line (the scripts say "ready …" or why not).</summary>
    public static async Task<(NodePeerProcess Peer, string FirstLine)> StartAsync(string script, IEnumerable<string> arguments, CancellationToken cancel)
    {
        var info = new ProcessStartInfo("node")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(script);
        foreach (var a in arguments)
        {
            info.ArgumentList.Add(a);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start node.");
        var peer = new NodePeerProcess(process);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                peer._lines.Writer.TryComplete();
            }
            else
            {
                peer._lines.Writer.TryWrite(e.Data);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            lock (peer._errors)
            {
                // The last few lines are what says why a script failed (a missing npm module, a port in use).
                peer._errors.Enqueue(e.Data);
                if (peer._errors.Count > 5)
                {
                    peer._errors.Dequeue();
                }
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        timeout.CancelAfter(TimeSpan.FromSeconds(20));
        try
        {
            return (peer, await peer._lines.Reader.ReadAsync(timeout.Token).ConfigureAwait(false));
        }
        catch (Exception e) when (e is OperationCanceledException or ChannelClosedException)
        {
            await peer.DisposeAsync().ConfigureAwait(false);
            string errors;
            lock (peer._errors)
            {
                errors = string.Join(" | ", peer._errors);
            }

            throw new InvalidOperationException($"{Path.GetFileName(script)} did not start: {(errors.Length > 0 ? errors : "no output")}", e);
        }
    }

    public async Task SendAsync(string line)
    {
        await _process.StandardInput.WriteLineAsync(line).ConfigureAwait(false);
        await _process.StandardInput.FlushAsync().ConfigureAwait(false);
    }

    /// <summary>The next stdout line, or null once the script has exited.</summary>
    public async Task<string?> ReadLineAsync(CancellationToken cancel)
    {
        try
        {
            return await _lines.Reader.ReadAsync(cancel).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            _process.StandardInput.Close();
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await _process.WaitForExitAsync(wait.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or InvalidOperationException)
        {
            try
            {
                _process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }
        }
        finally
        {
            _process.Dispose();
        }
    }
}
