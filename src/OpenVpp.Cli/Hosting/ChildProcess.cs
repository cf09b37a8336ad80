using System.Diagnostics;
using System.Runtime.InteropServices;

namespace OpenVpp.Cli.Hosting;

/// <summary>
/// A node, gateway or load generator run as its own process, its output appended to a log file, so a demo can
/// crash it (SIGKILL), stop it (SIGTERM) and start it again, as an operator or a power cut would.
/// </summary>
internal sealed partial class ChildProcess : IAsyncDisposable
{
    private const int SigTerm = 15;
    private readonly Process _process;
    private readonly StreamWriter _log;
    private bool _disposed;

    private ChildProcess(string name, Process process, StreamWriter log)
    {
        Name = name;
        _process = process;
        _log = log;
    }

    public string Name { get; }

    public bool HasExited => _process.HasExited;

    public StreamWriter Input => _process.StandardInput;

    /// <summary>Lines written to standard output, in order, for callers that wait for a handshake line.</summary>
    public System.Threading.Channels.Channel<string> OutputLines { get; } = System.Threading.Channels.Channel.CreateUnbounded<string>();

    public static ChildProcess Start(string name, IEnumerable<string> arguments, string logPath)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(logPath)!);
        var log = new StreamWriter(logPath, append: true) { AutoFlush = true };
        var process = new Process { StartInfo = SelfLauncher.StartInfo(arguments), EnableRaisingEvents = true };
        var child = new ChildProcess(name, process, log);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                child.OutputLines.Writer.TryComplete();
                return;
            }

            child.OutputLines.Writer.TryWrite(e.Data);
            child.WriteLog(e.Data);
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                child.WriteLog(e.Data);
            }
        };
        if (!process.Start())
        {
            throw new InvalidOperationException($"Could not start {name}.");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Kills the process at once, as a crash or power cut would: no shutdown code runs.</summary>
    public async Task CrashAsync()
    {
        if (_disposed)
        {
            return;
        }

        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync().ConfigureAwait(false);
    }

    /// <summary>Asks the process to stop (SIGTERM) and waits; kills it if it does not stop in time.</summary>
    public async Task StopAsync(TimeSpan timeout)
    {
        if (_disposed || _process.HasExited)
        {
            return;
        }

        _ = Kill(_process.Id, SigTerm);
        using var wait = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(wait.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            await CrashAsync().ConfigureAwait(false);
        }
    }

    public Task WaitForExitAsync(CancellationToken cancel) => _process.WaitForExitAsync(cancel);

    /// <summary>Waits until the child prints <paramref name="expected"/> (its handshake); throws if it exits first.</summary>
    public async Task ExpectLineAsync(string expected, CancellationToken cancel)
    {
        await foreach (var line in OutputLines.Reader.ReadAllAsync(cancel).ConfigureAwait(false))
        {
            if (line == expected)
            {
                return;
            }
        }

        throw new InvalidOperationException($"The {Name} exited before it was {expected}.");
    }

    public int ExitCode => _process.ExitCode;

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        await StopAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        _disposed = true;
        _process.Dispose();
        await _log.DisposeAsync().ConfigureAwait(false);
    }

    private void WriteLog(string line)
    {
        lock (_log)
        {
            _log.WriteLine(line);
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
