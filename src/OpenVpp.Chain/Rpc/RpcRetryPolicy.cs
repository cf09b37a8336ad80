namespace OpenVpp.Chain.Rpc;

/// <summary>
/// How transport failures are retried: connection errors, timeouts and HTTP 429/5xx. The delay before retry n
/// (n = 1, 2, ...) is drawn uniformly from [d/2, d] with d = min(<see cref="MaxDelay"/>, <see cref="BaseDelay"/> ×
/// 2^(n−1)), so clients that failed together do not come back in lockstep. JSON-RPC errors are never retried.
/// </summary>
public sealed record RpcRetryPolicy
{
    /// <summary>Four attempts over about a second and a half by default: rides out a node restart, not an outage.</summary>
    public static RpcRetryPolicy Default { get; } = new();

    /// <summary>One attempt: every failure surfaces at once.</summary>
    public static RpcRetryPolicy None { get; } = new() { MaxAttempts = 1 };

    /// <summary>Attempts in all, the first included; at least 1.</summary>
    public int MaxAttempts { get; init; } = 4;

    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long one attempt may take before it counts as a (retryable) timeout.</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The delay before retry <paramref name="retry"/> (1-based), jittered with <paramref name="random"/>.</summary>
    public TimeSpan DelayBefore(int retry, Random random)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(retry, 1);
        ArgumentNullException.ThrowIfNull(random);
        var ceiling = MaxDelay.Ticks;
        var ticks = BaseDelay.Ticks;
        for (var i = 1; i < retry && ticks < ceiling; i++)
        {
            ticks = ticks > ceiling / 2 ? ceiling : ticks * 2;
        }

        return TimeSpan.FromTicks((ticks / 2) + (long)(random.NextDouble() * (ticks - (ticks / 2))));
    }

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxAttempts, 1, nameof(MaxAttempts));
        ArgumentOutOfRangeException.ThrowIfLessThan(BaseDelay, TimeSpan.Zero, nameof(BaseDelay));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxDelay, BaseDelay, nameof(MaxDelay));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(AttemptTimeout, TimeSpan.Zero, nameof(AttemptTimeout));
    }
}
