using OpenVpp.Core.Readings;

namespace OpenVpp.Core.Validation;

/// <summary>Clock checks: a reading cannot describe an interval that has not ended yet (beyond the allowed skew).</summary>
public static class TimestampRules
{
    public static readonly TimeSpan DefaultMaxClockSkew = TimeSpan.FromMinutes(5);

    /// <summary>Null when the interval ended no later than <paramref name="now"/> plus <paramref name="maxClockSkew"/>.</summary>
    public static RuleViolation? CheckNotInFuture(Reading reading, DateTimeOffset now, TimeSpan maxClockSkew)
    {
        ArgumentNullException.ThrowIfNull(reading);
        var latest = now + maxClockSkew;
        return reading.IntervalEnd > latest
            ? new RuleViolation(
                RejectionReason.FutureTimestamp,
                $"interval ends at {reading.IntervalEnd:O}, after the node's clock {now:O} plus {maxClockSkew.TotalSeconds:0} s skew; check the device clock (NTP)")
            : null;
    }
}
