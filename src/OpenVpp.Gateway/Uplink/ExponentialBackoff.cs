namespace OpenVpp.Gateway.Uplink;

/// <summary>
/// Retry delays that double from <see cref="Initial"/> up to <see cref="Max"/>, each drawn uniformly from the upper
/// half of its ceiling ("equal jitter"), so many gateways that lost the same node do not retry in lockstep.
/// </summary>
public sealed class ExponentialBackoff
{
    private readonly Func<double> _random;

    public ExponentialBackoff(TimeSpan initial, TimeSpan max, Func<double>? random = null)
    {
        if (initial <= TimeSpan.Zero || max < initial)
        {
            throw new ArgumentOutOfRangeException(nameof(max), "Need 0 < initial <= max.");
        }

        Initial = initial;
        Max = max;
        _random = random ?? Random.Shared.NextDouble;
    }

    public TimeSpan Initial { get; }

    public TimeSpan Max { get; }

    /// <summary>Failures since the last <see cref="Reset"/>.</summary>
    public int Attempt { get; private set; }

    /// <summary>The ceiling of the next delay, before jitter.</summary>
    public TimeSpan Ceiling
    {
        get
        {
            // Past 2^30 the ceiling is long capped; avoid overflowing the multiplication.
            var factor = Math.Pow(2, Math.Min(Attempt, 30));
            var ticks = Math.Min(Max.Ticks, Initial.Ticks * factor);
            return TimeSpan.FromTicks((long)ticks);
        }
    }

    /// <summary>The delay before the next retry; each call counts one more failure.</summary>
    public TimeSpan Next()
    {
        var ceiling = Ceiling;
        Attempt++;
        var fraction = 0.5 + (0.5 * Math.Clamp(_random(), 0, 1));
        return TimeSpan.FromTicks((long)(ceiling.Ticks * fraction));
    }

    public void Reset() => Attempt = 0;
}
