using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using OpenVpp.Chain.Deployment;
using OpenVpp.Core.Epochs;
using OpenVpp.Node.Chain;
using OpenVpp.Node.Epochs;
using OpenVpp.Node.Rewards;

namespace OpenVpp.Node.Tests.Chain;

/// <summary>
/// The real node in-process (<see cref="NodeHost"/>) linked to anvil: registry from the chain, oracle key of dev
/// account 1, hour-long epochs on a fake clock. Its background indexer, sealer and oracle run as in production; tests
/// also drive them directly (<see cref="Indexer"/>, <see cref="Sealer"/>, <see cref="Oracle"/>) to be deterministic.
/// </summary>
internal sealed class ChainNode : IAsyncDisposable
{
    public static readonly EpochSchedule Schedule = new(NodeOptions.DefaultGenesis, TimeSpan.FromHours(1));

    private readonly LogCollector.Tap _tap;

    private ChainNode(NodeHost host, LogCollector logs, LogCollector.Tap tap)
    {
        Host = host;
        Logs = logs;
        _tap = tap;
    }

    public NodeHost Host { get; }

    public LogCollector Logs { get; }

    public ChainIndexer Indexer => Host.App.Services.GetRequiredService<ChainIndexer>();

    public EpochSealer Sealer => Host.App.Services.GetRequiredService<EpochSealer>();

    public RewardsOracle Oracle => Host.App.Services.GetRequiredService<RewardsOracle>();

    public T Service<T>()
        where T : notnull => Host.App.Services.GetRequiredService<T>();

    public static async Task<ChainNode> StartAsync(
        string dataDir,
        FakeTimeProvider time,
        AnvilFixture chain,
        DeploymentManifest manifest,
        int confirmationDepth = 0,
        TimeSpan? pollInterval = null,
        LogCollector? logs = null)
    {
        logs ??= new LogCollector();
        var tap = logs.NewTap();
        var host = await NodeHost.StartAsync(dataDir, time, options =>
        {
            options.Genesis = Schedule.Genesis;
            options.EpochLength = Schedule.Length;
            options.Chain = new ChainOptions
            {
                Rpc = chain.RpcUri,
                Manifest = manifest,
                ConfirmationDepth = confirmationDepth,
                PollInterval = pollInterval ?? TimeSpan.FromMilliseconds(100),
                OracleKey = AnvilFixture.OracleKey,
            };
        }, tap);
        return new ChainNode(host, logs, tap);
    }

    /// <summary>Waits (real time) until <paramref name="condition"/> holds, or fails with <paramref name="what"/>.</summary>
    public static async Task EventuallyAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting until {what}.");
            await Task.Delay(20);
        }
    }

    /// <summary>
    /// Ends the node without a graceful stop: no StopAsync (hosted services get no shutdown turn), only disposal, as
    /// close to a crash as an in-process host gets. A crashed process logs nothing more, so from here on this host's
    /// log is dropped: its background loops, disposed under them without being stopped, complain about that.
    /// </summary>
    public async Task CrashAsync()
    {
        _tap.Close();
        Host.Client.Dispose();
        await Host.App.DisposeAsync();
    }

    public ValueTask DisposeAsync() => Host.DisposeAsync();
}

/// <summary>
/// Keeps every log entry of the node, across restarts, with its structured values, so tests can check what was and
/// was not logged. Each host logs through its own <see cref="Tap"/>.
/// </summary>
internal sealed class LogCollector
{
    private readonly ConcurrentQueue<LogEntry> _entries = new();

    public IReadOnlyList<LogEntry> Entries => [.. _entries];

    public IReadOnlyList<LogEntry> WithEvent(int eventId) => [.. _entries.Where(e => e.EventId.Id == eventId)];

    /// <summary>A provider for one host that feeds this collector until it is closed.</summary>
    public Tap NewTap() => new(this);

    internal sealed record LogEntry(string Category, LogLevel Level, EventId EventId, string Message, IReadOnlyDictionary<string, object?> Values, Exception? Exception);

    internal sealed class Tap(LogCollector owner) : ILoggerProvider
    {
        private volatile bool _closed;

        public bool IsClosed => _closed;

        public void Close() => _closed = true;

        public ILogger CreateLogger(string categoryName) => new Logger(owner, categoryName, this);

        public void Dispose()
        {
            // The host disposes its providers; the entries outlive it (tests read them after a stop and across restarts).
        }
    }

    private sealed class Logger(LogCollector owner, string category, Tap tap) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (tap.IsClosed)
            {
                return;
            }

            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs
                ? pairs.GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.First().Value)
                : [];
            owner._entries.Enqueue(new LogEntry(category, logLevel, eventId, formatter(state, exception), values, exception));
        }
    }
}
