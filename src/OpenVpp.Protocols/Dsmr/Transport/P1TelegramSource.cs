using System.Net.Sockets;
using System.Runtime.CompilerServices;

namespace OpenVpp.Protocols.Dsmr.Transport;

/// <summary>
/// Telegrams from a P1 connection for as long as it is wanted: opens it, frames and parses what arrives, reports
/// refused telegrams, and when the connection fails, closes or stays silent past the idle timeout, reconnects with
/// exponential backoff (reset by the next good telegram). Never throws for I/O trouble; only cancellation ends it.
/// </summary>
public sealed class P1TelegramSource
{
    private readonly IP1Connection _connection;
    private readonly P1SourceOptions _options;
    private readonly TimeProvider _time;

    public P1TelegramSource(IP1Connection connection, P1SourceOptions? options = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        _connection = connection;
        _options = options ?? new P1SourceOptions();
        _time = time ?? TimeProvider.System;
    }

    public string Description => _connection.Description;

    public async IAsyncEnumerable<P1SourceEvent> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var failures = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            Stream? stream = null;
            string? failure = null;
            try
            {
                stream = await _connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (IsConnectionFailure(e, cancellationToken))
            {
                failure = $"cannot connect to {_connection.Description}: {e.Message}";
            }

            if (stream is not null)
            {
                yield return new P1SourceEvent(P1SourceEventKind.Connected, Message: _connection.Description);
                IP1FrameReader reader = _options.SmartyKey is { } key
                    ? new SmartyFrameReader(stream, key, SmartyFrame.DefaultAuthenticationKey, _options.MaxTelegramBytes)
                    : new P1FrameReader(stream, _options.MaxTelegramBytes);
                try
                {
                    while (true)
                    {
                        var (frame, error) = await NextFrameAsync(reader, cancellationToken).ConfigureAwait(false);
                        if (error is not null)
                        {
                            failure = error;
                            break;
                        }

                        if (frame is null)
                        {
                            failure = $"{_connection.Description} closed the connection";
                            break;
                        }

                        if (frame.IsDropped)
                        {
                            yield return new P1SourceEvent(P1SourceEventKind.Rejected, Message: frame.DroppedReason);
                            continue;
                        }

                        var result = P1Parser.Parse(frame.Telegram.Span);
                        if (result.IsOk)
                        {
                            failures = 0;
                            yield return new P1SourceEvent(P1SourceEventKind.Telegram, result.Telegram);
                        }
                        else
                        {
                            yield return new P1SourceEvent(P1SourceEventKind.Rejected, Message: result.Error.Message) { Error = result.Error };
                        }
                    }
                }
                finally
                {
                    await stream.DisposeAsync().ConfigureAwait(false);
                }
            }

            cancellationToken.ThrowIfCancellationRequested();
            var retryIn = Backoff(++failures);
            yield return new P1SourceEvent(P1SourceEventKind.Disconnected, Message: failure, RetryIn: retryIn);
            await Task.Delay(retryIn, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<(P1Frame? Frame, string? Error)> NextFrameAsync(IP1FrameReader reader, CancellationToken cancellationToken)
    {
        using var idle = new CancellationTokenSource(_options.IdleTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, idle.Token);
        try
        {
            return (await reader.ReadAsync(linked.Token).ConfigureAwait(false), null);
        }
        catch (OperationCanceledException) when (idle.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return (null, $"no telegram from {_connection.Description} for {_options.IdleTimeout.TotalSeconds:0} s; check the cable or the ser2net service");
        }
        catch (Exception e) when (IsConnectionFailure(e, cancellationToken))
        {
            return (null, $"reading {_connection.Description} failed: {e.Message}");
        }
    }

    private TimeSpan Backoff(int failures)
    {
        var ticks = _options.InitialBackoff.Ticks * Math.Pow(2, Math.Min(failures - 1, 30));
        return TimeSpan.FromTicks((long)Math.Min(ticks, _options.MaxBackoff.Ticks));
    }

    private static bool IsConnectionFailure(Exception e, CancellationToken cancellationToken) =>
        e is IOException or SocketException or UnauthorizedAccessException or InvalidOperationException or ObjectDisposedException ||
        (e is OperationCanceledException && !cancellationToken.IsCancellationRequested);
}
