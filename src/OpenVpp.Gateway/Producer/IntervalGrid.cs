namespace OpenVpp.Gateway.Producer;

/// <summary>Intervals of a fixed length aligned to an origin: [origin + k·length, origin + (k+1)·length).</summary>
internal static class IntervalGrid
{
    /// <summary>Start of the interval containing <paramref name="instant"/>, never before <paramref name="origin"/>.</summary>
    public static DateTimeOffset StartOf(DateTimeOffset instant, DateTimeOffset origin, TimeSpan length)
    {
        if (instant <= origin)
        {
            return origin;
        }

        var k = (instant - origin).Ticks / length.Ticks;
        return origin + TimeSpan.FromTicks(k * length.Ticks);
    }
}
