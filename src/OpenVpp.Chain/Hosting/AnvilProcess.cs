using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OpenVpp.Chain.Crypto;
using OpenVpp.Chain.Rpc;

namespace OpenVpp.Chain.Hosting;

/// <summary>
/// A local anvil chain on 127.0.0.1, started and owned by this object: ready (answering eth_chainId) when
/// <see cref="StartAsync"/> returns, and stopped when disposed: SIGTERM first so it can save its state, then
/// killed, together with anything it spawned, once the grace period is over.
/// </summary>
public sealed class AnvilProcess : IAsyncDisposable
{
    private const int PortAttempts = 3;
    private static readonly TimeSpan ReadyPollInterval = TimeSpan.FromMilliseconds(50);

    private readonly Process _process;
    private readonly OutputTail _stderr;
    private readonly AnvilOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private int _disposed;

    private AnvilProcess(Process process, OutputTail stderr, int port, AnvilOptions options, ILogger logger, TimeProvider time)
    {
        _process = process;
        _stderr = stderr;
        _options = options;
        _logger = logger;
        _time = time;
        Port = port;
        RpcUri = new Uri($"http://127.0.0.1:{port}/");
    }

    /// <summary>The JSON-RPC endpoint, http://127.0.0.1:port/.</summary>
    public Uri RpcUri { get; }

    public int Port { get; }

    /// <summary>The chain id anvil runs with (and was checked to report).</summary>
    public ulong ChainId => _options.ChainId;

    /// <summary>The id of the process started (the npm launcher when started through node_modules/.bin).</summary>
    public int ProcessId => _process.Id;

    /// <summary>Whether the started process is still running.</summary>
    public bool IsRunning => !_process.HasExited;

    /// <summary>anvil's funded dev accounts 0..9; public test keys, see <see cref="AnvilDevAccounts"/>.</summary>
    public IReadOnlyList<Secp256k1Key> DevAccountKeys { get; } = AnvilDevAccounts.Keys;

    /// <summary>The last lines anvil wrote to standard error, for diagnostics.</summary>
    public string StandardErrorTail => _stderr.Text;

    /// <summary>Starts anvil and waits until it answers JSON-RPC.</summary>
    /// <exception cref="FileNotFoundException">The executable is missing (run <c>npm ci</c>).</exception>
    /// <exception cref="InvalidOperationException">anvil exited, or did not answer within the startup timeout.</exception>
    public static async Task<AnvilProcess> StartAsync(
        AnvilOptions options,
        ILogger<AnvilProcess>? logger = null,
        TimeProvider? time = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (!File.Exists(options.ExecutablePath))
        {
            throw new FileNotFoundException(
                $"anvil was not found at {options.ExecutablePath}. It comes from the npm package @foundry-rs/anvil: "
                + "run `npm ci` in the repository root to install it.",
                options.ExecutablePath);
        }

        var log = logger ?? (ILogger)NullLogger.Instance;
        var clock = time ?? TimeProvider.System;
        for (var attempt = 1; ; attempt++)
        {
            var port = options.Port ?? FreePort();
            var anvil = Launch(options, port, log, clock);
            bool ready;
            try
            {
                ready = await anvil.WaitUntilReadyAsync(cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                await anvil.DisposeAsync().ConfigureAwait(false);
                throw;
            }

            if (ready)
            {
                AnvilLog.Started(log, anvil.RpcUri, options.ChainId, options.Hardfork);
                return anvil;
            }

            await anvil.DisposeAsync().ConfigureAwait(false);
            if (options.Port is not null || attempt >= PortAttempts)
            {
                throw new InvalidOperationException($"anvil could not listen on port {anvil.Port}: the port is in use. Its output ends:\n{anvil.StandardErrorTail}");
            }

            // The free port was taken between probing it and anvil binding it; try another.
        }
    }

    /// <summary>A client for this chain; the caller disposes it.</summary>
    public EthRpcClient CreateClient(EthRpcClientOptions? options = null, ILogger<EthRpcClient>? logger = null) =>
        new(RpcUri, options, logger, _time);

    /// <summary>Stops anvil: SIGTERM, then a kill of it and its children after the grace period. Never leaves it running.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        try
        {
            await StopAsync().ConfigureAwait(false);
        }
        finally
        {
            _process.Dispose();
        }
    }

    private static AnvilProcess Launch(AnvilOptions options, int port, ILogger logger, TimeProvider time)
    {
        var start = new ProcessStartInfo(options.ExecutablePath)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in options.Arguments(port))
        {
            start.ArgumentList.Add(argument);
        }

        var stderr = new OutputTail();
        var process = new Process { StartInfo = start };
        process.ErrorDataReceived += (_, e) => stderr.Add(e.Data);
        process.OutputDataReceived += (_, e) => stderr.Add(e.Data);
        if (!process.Start())
        {
            process.Dispose();
            throw new InvalidOperationException($"{options.ExecutablePath} did not start.");
        }

        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        return new AnvilProcess(process, stderr, port, options, logger, time);
    }

    /// <summary>True once anvil answers; false when it exited because its port was taken.</summary>
    private async Task<bool> WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        // One quick attempt per poll: retrying inside the client would only slow noticing that anvil died.
        var probeOptions = new EthRpcClientOptions { RetryPolicy = RpcRetryPolicy.None with { AttemptTimeout = TimeSpan.FromSeconds(2) } };
        using var probe = new EthRpcClient(RpcUri, probeOptions, null, _time);
        var deadline = _time.GetUtcNow() + _options.StartupTimeout;
        while (true)
        {
            if (_process.HasExited)
            {
                await _process.WaitForExitAsync(cancellationToken).ConfigureAwait(false); // flushes the output readers
                var tail = _stderr.Text;
                if (tail.Contains("in use", StringComparison.OrdinalIgnoreCase))
                {
                    return false;
                }

                throw new InvalidOperationException($"anvil exited with code {_process.ExitCode} before answering on {RpcUri}. Its output ends:\n{tail}");
            }

            try
            {
                var chainId = await probe.ChainIdAsync(cancellationToken).ConfigureAwait(false);
                return chainId == _options.ChainId
                    ? true
                    : throw new InvalidOperationException($"anvil on {RpcUri} reports chain id {chainId}, not the {_options.ChainId} it was started with.");
            }
            catch (RpcTransportException)
            {
                // Not listening yet.
            }

            if (_time.GetUtcNow() >= deadline)
            {
                throw new InvalidOperationException(
                    $"anvil did not answer eth_chainId on {RpcUri} within {_options.StartupTimeout.TotalSeconds:0.#} s. Its output ends:\n{_stderr.Text}");
            }

            await Task.Delay(ReadyPollInterval, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task StopAsync()
    {
        // Seen before signalling: once the launcher is gone, its child can no longer be found through it.
        var tree = _process.HasExited ? [] : ProcessTree.WithDescendants(_process.Id);
        if (!_process.HasExited)
        {
            if (ProcessTree.IsSupported && tree.Count > 0)
            {
                ProcessTree.Terminate(tree[0]);
            }
            else
            {
                _process.Kill(entireProcessTree: true);
            }
        }

        var deadline = _time.GetUtcNow() + _options.ShutdownGracePeriod;
        while ((!_process.HasExited || tree.Any(ProcessTree.IsRunning)) && _time.GetUtcNow() < deadline)
        {
            await Task.Delay(ReadyPollInterval, _time).ConfigureAwait(false);
        }

        if (!_process.HasExited || tree.Any(ProcessTree.IsRunning))
        {
            AnvilLog.Killed(_logger, RpcUri, _options.ShutdownGracePeriod.TotalSeconds);
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            foreach (var entry in tree)
            {
                ProcessTree.Kill(entry);
            }
        }

        await _process.WaitForExitAsync().ConfigureAwait(false);
        AnvilLog.Stopped(_logger, RpcUri);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
