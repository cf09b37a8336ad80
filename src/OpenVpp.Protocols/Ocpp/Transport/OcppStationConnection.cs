using System.Net.WebSockets;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace OpenVpp.Protocols.Ocpp.Transport;

/// <summary>
/// One station's live WebSocket: serialises sends (a WebSocket allows one at a time) and keeps at most one CALL from
/// the CSMS outstanding, as OCPP-J requires, pairing the station's answer with it by message id.
/// </summary>
internal sealed class OcppStationConnection : IDisposable
{
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly SemaphoreSlim _callGate = new(1, 1);
    private readonly Lock _pendingLock = new();
    private PendingCall? _pending;

    public OcppStationConnection(string stationId, OcppVersion version, WebSocket socket)
    {
        StationId = stationId;
        Version = version;
        Socket = socket;
    }

    public string StationId { get; }

    public OcppVersion Version { get; }

    public WebSocket Socket { get; }

    /// <summary>Cancelled when the connection ends, so waiting callers give up at once.</summary>
    public CancellationTokenSource Ended { get; } = new();

    public async Task SendAsync(byte[] frame, CancellationToken cancellationToken)
    {
        await _sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await Socket.SendAsync(frame, WebSocketMessageType.Text, endOfMessage: true, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>Sends a CALL and waits for its answer, after any CALL already outstanding to this station.</summary>
    public async Task<OcppCallOutcome> CallAsync(string action, JsonObject payload, TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, Ended.Token);
        try
        {
            await _callGate.WaitAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new OcppCallOutcome(OcppCallStatus.Disconnected);
        }

        try
        {
            var pending = new PendingCall(Guid.NewGuid().ToString(), action);
            lock (_pendingLock)
            {
                _pending = pending;
            }

            var element = JsonSerializer.SerializeToElement(payload, OcppJson.Context.JsonObject);
            try
            {
                await SendAsync(OcppFraming.WriteCall(pending.MessageId, action, element), linked.Token).ConfigureAwait(false);
                return await pending.Answer.Task.WaitAsync(timeout, time, linked.Token).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                return new OcppCallOutcome(OcppCallStatus.Timeout, ErrorDescription: $"no answer within {timeout}");
            }
            catch (Exception e) when (e is OperationCanceledException or WebSocketException && !cancellationToken.IsCancellationRequested)
            {
                return new OcppCallOutcome(OcppCallStatus.Disconnected);
            }
            finally
            {
                lock (_pendingLock)
                {
                    if (ReferenceEquals(_pending, pending))
                    {
                        _pending = null;
                    }
                }
            }
        }
        finally
        {
            _callGate.Release();
        }
    }

    /// <summary>Hands a CALLRESULT or CALLERROR to the outstanding CALL; returns its action, or null when none matches.</summary>
    public string? TryComplete(OcppMessage answer)
    {
        PendingCall? pending;
        lock (_pendingLock)
        {
            pending = _pending is { } p && p.MessageId == answer.MessageId ? p : null;
        }

        if (pending is null)
        {
            return null;
        }

        var outcome = answer switch
        {
            OcppCallResult result => OcppSchemaValidator.For(Version).ValidateResponse(pending.Action, result.Payload) is { } invalid
                ? new OcppCallOutcome(OcppCallStatus.InvalidAnswer, result.Payload, invalid.Code, invalid.Describe())
                : new OcppCallOutcome(OcppCallStatus.Answered, result.Payload),
            OcppCallError error => new OcppCallOutcome(OcppCallStatus.CallError, null, error.ErrorCode, error.ErrorDescription),
            _ => null,
        };
        if (outcome is null)
        {
            return null;
        }

        pending.Answer.TrySetResult(outcome);
        return pending.Action;
    }

    // The semaphores and Ended are left to the GC: a caller still inside CallAsync may touch them after the end, and
    // none of them holds a handle unless AvailableWaitHandle is used.
    public void Dispose()
    {
        Ended.Cancel();
        Socket.Dispose();
    }

    private sealed record PendingCall(string MessageId, string Action)
    {
        public TaskCompletionSource<OcppCallOutcome> Answer { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
