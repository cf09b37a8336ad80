using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace OpenVpp.Chain.Tests.Support;

/// <summary>Keeps every formatted log message, so tests can check what was (and was not) logged.</summary>
internal sealed class CapturingLogger<T> : ILogger<T>
{
    private readonly ConcurrentQueue<(LogLevel Level, EventId Event, string Message)> _entries = new();

    public IReadOnlyList<(LogLevel Level, EventId Event, string Message)> Entries => [.. _entries];

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        _entries.Enqueue((logLevel, eventId, formatter(state, exception)));
}
