namespace OpenVpp.Core.Time;

/// <summary>
/// A clock that runs <see cref="Speed"/> times faster than the wall clock from an agreed anchor, so separate
/// processes (node, gateway) given the same anchor read the same accelerated time and survive restarts with it.
/// Timers are scaled down by the same factor. Used by demos and tests, never in production.
/// </summary>
public sealed class AcceleratedTimeProvider : TimeProvider
{
    private readonly TimeProvider _wall;

    public AcceleratedTimeProvider(DateTimeOffset simulatedStart, DateTimeOffset wallAnchor, double speed, TimeProvider? wall = null)
    {
        if (speed <= 0 || double.IsNaN(speed) || double.IsInfinity(speed))
        {
            throw new ArgumentOutOfRangeException(nameof(speed), speed, "Speed must be a positive number.");
        }

        SimulatedStart = simulatedStart;
        WallAnchor = wallAnchor;
        Speed = speed;
        _wall = wall ?? System;
    }

    public DateTimeOffset SimulatedStart { get; }

    public DateTimeOffset WallAnchor { get; }

    public double Speed { get; }

    public override DateTimeOffset GetUtcNow()
    {
        var wallElapsed = _wall.GetUtcNow() - WallAnchor;
        return SimulatedStart + TimeSpan.FromTicks((long)(wallElapsed.Ticks * Speed));
    }

    public override long GetTimestamp() => (long)(_wall.GetTimestamp() * Speed);

    public override long TimestampFrequency => _wall.TimestampFrequency;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        _wall.CreateTimer(callback, state, Scale(dueTime), Scale(period));

    private TimeSpan Scale(TimeSpan span) =>
        span == Timeout.InfiniteTimeSpan || span <= TimeSpan.Zero ? span : TimeSpan.FromTicks(Math.Max(1, (long)(span.Ticks / Speed)));
}
