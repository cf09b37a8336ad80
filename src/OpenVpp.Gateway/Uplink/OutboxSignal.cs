namespace OpenVpp.Gateway.Uplink;

/// <summary>
/// Wakes the uplink when the producer has written readings. A waiter takes <see cref="Current"/> before it looks at
/// the outbox, so a notification that arrives while it works is never lost.
/// </summary>
internal sealed class OutboxSignal
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Current => Volatile.Read(ref _next).Task;

    public void Notify() =>
        Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}
