using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.WebSockets;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace OpenVpp.Protocols.Ocpp.Transport;

/// <summary>
/// A local charging station management system: a Kestrel WebSocket endpoint at /ocpp/{stationId} speaking OCPP-J 1.6
/// and 2.0.1. It answers the stations' CALLs (boot, heartbeat, status, authorize, transactions, meter values), validates
/// every message against the official schemas, reports what happens through <see cref="StationEvent"/>, and lets the
/// gateway send CALLs (charging profiles) with <see cref="CallAsync"/>. Bad input gets a CALLERROR and the connection
/// stays up; a station that reconnects replaces its old connection. With <see cref="OcppCsmsOptions.StationAccess"/>
/// set, unknown stations and stations without the right HTTP Basic password (Security Profile 1) are refused before the
/// WebSocket upgrade, so they never replace a connected station.
/// </summary>
public sealed partial class OcppCsms : IAsyncDisposable
{
    private const int ReceiveChunkBytes = 4 * 1024;

    // A message over the limit is discarded as it arrives; one that goes on past this many times the limit is an
    // attack or a broken peer, and the connection is closed.
    private const int OversizeCloseFactor = 16;

    // Refusals remembered for logging once; past this many (a scan) the memory is reset rather than grown.
    private const int MaxRefusalsRemembered = 1024;

    private readonly OcppCsmsOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, OcppStationConnection> _stations = new(StringComparer.Ordinal);
    private readonly OcppCallDispatcher _dispatcher;
    private readonly ConcurrentDictionary<(string Station, string Remote), bool> _refusalsLogged = new();
    private WebApplication? _app;

    public OcppCsms(OcppCsmsOptions options, ILogger<OcppCsms>? logger = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _logger = logger ?? NullLogger<OcppCsms>.Instance;
        _time = time ?? TimeProvider.System;
        _dispatcher = new OcppCallDispatcher(options, _time.GetUtcNow());
    }

    /// <summary>
    /// Raised for every connection, message, boot, status change and derived sample, on the connection's own thread:
    /// handlers must be quick and must not wait for a <see cref="CallAsync"/> (its answer arrives on that same thread);
    /// start such work on its own task.
    /// </summary>
    public event EventHandler<OcppCsmsEvent>? StationEvent;

    /// <summary>The port actually bound (useful with port 0); valid after <see cref="StartAsync"/>.</summary>
    public int Port { get; private set; }

    /// <summary>Ids of the stations connected now.</summary>
    public IReadOnlyCollection<string> ConnectedStations => [.. _stations.Keys];

    /// <summary>The version a connected station speaks, or null when it is not connected.</summary>
    public OcppVersion? VersionOf(string stationId) => _stations.TryGetValue(stationId, out var c) ? c.Version : null;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (_app is not null)
        {
            throw new InvalidOperationException("The CSMS is already started.");
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k =>
        {
            k.Listen(IPAddress.Parse(_options.ListenAddress), _options.Port);
            k.Limits.MaxRequestHeadersTotalSize = 16 * 1024;
        });
        var app = builder.Build();
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = _options.KeepAliveInterval });
        app.Map("/ocpp/{stationId}", (HttpContext context, string stationId) => AcceptAsync(context, stationId));
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        _app = app;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Port = new Uri(address).Port;
        OcppLog.Listening(_logger, _options.ListenAddress, Port);
    }

    /// <summary>
    /// Sends <paramref name="action"/> to a connected station and waits for its answer (one CALL at a time per station;
    /// a second waits for the first). The payload is validated first: an invalid one is a bug and throws.
    /// </summary>
    public async Task<OcppCallOutcome> CallAsync(string stationId, string action, JsonObject payload, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(payload);
        if (!_stations.TryGetValue(stationId, out var connection))
        {
            return new OcppCallOutcome(OcppCallStatus.NotConnected);
        }

        OcppSchemaValidator.For(connection.Version).RequireValid(action, request: true, payload);
        var outcome = await connection.CallAsync(action, payload, _options.CallTimeout, _time, cancellationToken).ConfigureAwait(false);
        switch (outcome.Status)
        {
            case OcppCallStatus.Timeout:
                OcppLog.CallTimedOut(_logger, stationId, action, _options.CallTimeout);
                break;
            case OcppCallStatus.InvalidAnswer:
                OcppLog.InvalidAnswer(_logger, stationId, action, outcome.ErrorCode!, outcome.ErrorDescription!);
                break;
            case OcppCallStatus.CallError:
                OcppLog.CallRefused(_logger, stationId, action, outcome.ErrorCode!, outcome.ErrorDescription ?? "");
                break;
        }

        return outcome;
    }

    public async Task StopAsync()
    {
        if (_app is null)
        {
            return;
        }

        foreach (var connection in _stations.Values)
        {
            connection.Ended.Cancel();
        }

        using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(grace.Token).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        _app = null;
    }

    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    private async Task AcceptAsync(HttpContext context, string stationId)
    {
        var remote = $"{context.Connection.RemoteIpAddress}:{context.Connection.RemotePort}";
        if (!context.WebSockets.IsWebSocketRequest)
        {
            OcppLog.Refused(_logger, stationId, remote, "not a WebSocket upgrade");
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        // OCPP 2.0.1 identities are at most 48 printable characters; refuse anything else before it reaches a log line.
        if (stationId.Length is 0 or > 48 || stationId.Any(c => c < 0x21 || c > 0x7e))
        {
            OcppLog.Refused(_logger, "(unprintable)", remote, "the station id must be 1 to 48 printable ASCII characters");
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        // Security Profile 1: refused before the upgrade, so a refused connection never replaces the station's own.
        if (!Admit(context, stationId))
        {
            return;
        }

        var version = OcppSubprotocols.Choose(context.WebSockets.WebSocketRequestedProtocols);
        if (version is null)
        {
            OcppLog.Refused(_logger, stationId, remote, $"it offered subprotocols [{string.Join(", ", context.WebSockets.WebSocketRequestedProtocols)}]");
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        var socket = await context.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext { SubProtocol = version.Value.Name() }).ConfigureAwait(false);
        using var connection = new OcppStationConnection(stationId, version.Value, socket);
        if (_stations.TryGetValue(stationId, out var previous))
        {
            OcppLog.Replaced(_logger, stationId);
        }

        _stations[stationId] = connection;
        if (previous is not null)
        {
            previous.Ended.Cancel();
            previous.Socket.Abort();
        }

        OcppLog.Connected(_logger, stationId, remote, version.Value.Name());
        Raise(new OcppStationConnected(stationId, _time.GetUtcNow(), version.Value, remote));
        var reason = "closed";
        try
        {
            reason = await ReceiveLoopAsync(connection, context.RequestAborted).ConfigureAwait(false);
        }
        finally
        {
            // A connection replaced by the station's newer one is not a disconnect of the station: it is online.
            if (_stations.TryRemove(new KeyValuePair<string, OcppStationConnection>(stationId, connection)))
            {
                Raise(new OcppStationDisconnected(stationId, _time.GetUtcNow(), reason));
            }

            OcppLog.Disconnected(_logger, stationId, reason);
        }
    }

    // Answers 404 (unknown station, as OCPP-J asks) or 401 with a Basic challenge (missing or wrong credentials) and
    // returns false, or returns true when the station may connect.
    private bool Admit(HttpContext context, string stationId)
    {
        if (_options.StationAccess is not { } decide)
        {
            return true;
        }

        var access = decide(stationId);
        if (!access.Known)
        {
            if (FirstRefusal(stationId, context))
            {
                OcppLog.RefusedUnknown(_logger, stationId, RemoteIp(context));
            }

            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return false;
        }

        if (access.Password is not { } password)
        {
            return true;
        }

        var problem = OcppBasicAuth.Check(context.Request.Headers.Authorization.ToString(), stationId, password);
        if (problem is null)
        {
            return true;
        }

        if (FirstRefusal(stationId, context))
        {
            OcppLog.RefusedCredentials(_logger, stationId, RemoteIp(context), problem);
        }

        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.Headers.WWWAuthenticate = "Basic realm=\"OCPP\", charset=\"UTF-8\"";
        return false;
    }

    // A station or an attacker retrying every few seconds logs one line per station and address, not one per try.
    private bool FirstRefusal(string stationId, HttpContext context)
    {
        if (_refusalsLogged.Count >= MaxRefusalsRemembered)
        {
            _refusalsLogged.Clear();
        }

        return _refusalsLogged.TryAdd((stationId, RemoteIp(context)), true);
    }

    private static string RemoteIp(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "?";

    private async Task<string> ReceiveLoopAsync(OcppStationConnection connection, CancellationToken aborted)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(aborted, connection.Ended.Token);
        var chunk = ArrayPool<byte>.Shared.Rent(ReceiveChunkBytes);
        var message = new ArrayBufferWriter<byte>(ReceiveChunkBytes);
        try
        {
            while (true)
            {
                message.ResetWrittenCount();
                long total = 0;
                ValueWebSocketReceiveResult result;
                do
                {
                    result = await connection.Socket.ReceiveAsync(chunk.AsMemory(0, ReceiveChunkBytes), stop.Token).ConfigureAwait(false);
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        await CloseQuietlyAsync(connection.Socket, WebSocketCloseStatus.NormalClosure, "bye").ConfigureAwait(false);
                        return $"closed by the station ({connection.Socket.CloseStatus} {connection.Socket.CloseStatusDescription})".TrimEnd();
                    }

                    total += result.Count;
                    // Keep only what fits: an oversized message is read to its end and dropped, but its first bytes
                    // still tell which CALL to answer.
                    var room = _options.MaxMessageBytes - message.WrittenCount;
                    if (room > 0)
                    {
                        chunk.AsSpan(0, Math.Min(room, result.Count)).CopyTo(message.GetSpan(Math.Min(room, result.Count)));
                        message.Advance(Math.Min(room, result.Count));
                    }

                    if (total > (long)_options.MaxMessageBytes * OversizeCloseFactor)
                    {
                        OcppLog.OversizedClose(_logger, connection.StationId, total);
                        await CloseQuietlyAsync(connection.Socket, WebSocketCloseStatus.MessageTooBig, "message too big").ConfigureAwait(false);
                        return "closed: message too big (1009)";
                    }
                }
                while (!result.EndOfMessage);

                if (total > _options.MaxMessageBytes)
                {
                    OcppLog.Oversized(_logger, connection.StationId, total, _options.MaxMessageBytes);
                    var id = CallIdPrefix().Match(System.Text.Encoding.UTF8.GetString(message.WrittenSpan[..Math.Min(200, message.WrittenCount)]));
                    await RefuseAsync(connection, new OcppRpcError(
                        id.Success ? id.Groups[1].Value : OcppRpcError.UnknownMessageId,
                        OcppErrorCodes.FormatViolation,
                        $"Message of {total} bytes exceeds this CSMS's limit of {_options.MaxMessageBytes} bytes"), stop.Token).ConfigureAwait(false);
                    continue;
                }

                await HandleMessageAsync(connection, message.WrittenMemory, result.MessageType, stop.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (connection.Ended.IsCancellationRequested)
        {
            return "replaced by a newer connection or the CSMS is stopping";
        }
        catch (OperationCanceledException)
        {
            return "connection aborted";
        }
        catch (WebSocketException e)
        {
            OcppLog.DroppedMidMessage(_logger, connection.StationId, e.Message);
            return $"dropped ({e.WebSocketErrorCode})";
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A bug in handling one station must not take the CSMS down: drop that connection, log it, carry on.
            OcppLog.HandlerFailed(_logger, e, connection.StationId);
            connection.Socket.Abort();
            return $"closed after an internal error ({e.GetType().Name})";
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }

    private async Task HandleMessageAsync(OcppStationConnection connection, ReadOnlyMemory<byte> frame, WebSocketMessageType type, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        if (frame.Length == 0)
        {
            // Some chargers send empty frames as keep-alives; ocpp-rpc ignores them too.
            return;
        }

        var parsed = type == WebSocketMessageType.Binary
            ? new OcppParseResult(null, new OcppRpcError(OcppRpcError.UnknownMessageId, OcppErrorCodes.RpcFrameworkError, "OCPP-J messages are text frames, not binary"))
            : OcppFraming.Parse(frame.Span);
        if (parsed.Error is { } error)
        {
            Raise(new OcppMessageReceived(connection.StationId, now, null, error.MessageId, null, null, OcppErrorCodes.ForVersion(error.Code, connection.Version), error.Description));
            if (error.Answerable)
            {
                await RefuseAsync(connection, error, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                OcppLog.Refusing(_logger, connection.StationId, error.Code, error.Description + " (an answer, so not answered)");
            }

            return;
        }

        switch (parsed.Message)
        {
            case OcppCall call:
                await HandleCallAsync(connection, call, now, cancellationToken).ConfigureAwait(false);
                break;
            case { } answer:
                var action = connection.TryComplete(answer);
                if (action is null)
                {
                    OcppLog.UnexpectedAnswer(_logger, connection.StationId, answer.MessageId);
                }

                Raise(new OcppMessageReceived(connection.StationId, now, answer.Type, answer.MessageId, action,
                    answer is OcppCallResult r ? r.Payload : null,
                    (answer as OcppCallError)?.ErrorCode, (answer as OcppCallError)?.ErrorDescription));
                break;
        }
    }

    private async Task HandleCallAsync(OcppStationConnection connection, OcppCall call, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var events = new List<OcppCsmsEvent>();
        JsonObject? result;
        string? code;
        string? description;
        try
        {
            (result, code, description) = _dispatcher.Handle(connection.StationId, connection.Version, call, now, events);
        }
        catch (InvalidOperationException e)
        {
            OcppLog.InvalidOwnAnswer(_logger, e, call.Action, connection.StationId);
            (result, code, description) = (null, OcppErrorCodes.InternalError, "The CSMS could not build a valid answer");
        }

        Raise(new OcppMessageReceived(connection.StationId, now, OcppMessageType.Call, call.MessageId, call.Action, call.Payload,
            code is null ? null : OcppErrorCodes.ForVersion(code, connection.Version), description));
        if (result is null)
        {
            await RefuseAsync(connection, new OcppRpcError(call.MessageId, code!, description!), cancellationToken).ConfigureAwait(false);
            return;
        }

        var element = System.Text.Json.JsonSerializer.SerializeToElement(result, OcppJson.Context.JsonObject);
        await connection.SendAsync(OcppFraming.WriteCallResult(call.MessageId, element), cancellationToken).ConfigureAwait(false);
        foreach (var e in events)
        {
            Raise(e);
        }
    }

    private async Task RefuseAsync(OcppStationConnection connection, OcppRpcError error, CancellationToken cancellationToken)
    {
        var code = OcppErrorCodes.ForVersion(error.Code, connection.Version);
        OcppLog.Refusing(_logger, connection.StationId, code, error.Description);
        await connection.SendAsync(OcppFraming.WriteCallError(error.MessageId, code, error.Description), cancellationToken).ConfigureAwait(false);
    }

    private void Raise(OcppCsmsEvent e)
    {
        try
        {
            StationEvent?.Invoke(this, e);
        }
        catch (Exception ex)
        {
            OcppLog.ObserverFailed(_logger, ex, e.GetType().Name);
        }
    }

    private static async Task CloseQuietlyAsync(WebSocket socket, WebSocketCloseStatus status, string description)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                await socket.CloseOutputAsync(status, description, timeout.Token).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The peer is gone already; nothing to tell it.
        }
    }

    [GeneratedRegex("""^\s*\[\s*2\s*,\s*"([^"\\]{1,36})"\s*,""")]
    private static partial Regex CallIdPrefix();
}
