using OpenVpp.Core.Devices;
using OpenVpp.Core.Readings;
using OpenVpp.Core.Validation;

namespace OpenVpp.Core.Tests.Validation;

public sealed class TimestampRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);

    private static Reading EndingAt(DateTimeOffset end) =>
        new(new DeviceId(new byte[20]), 1, end.AddMinutes(-15), end, 0, 0, 0, 0, null, null, ReadingStatus.None);

    [Fact]
    public void Accepts_an_interval_ending_within_the_allowed_skew()
    {
        Assert.Null(TimestampRules.CheckNotInFuture(EndingAt(Now), Now, TimeSpan.FromMinutes(5)));
        Assert.Null(TimestampRules.CheckNotInFuture(EndingAt(Now.AddMinutes(5)), Now, TimeSpan.FromMinutes(5)));
    }

    [Fact]
    public void Rejects_an_interval_ending_beyond_the_allowed_skew()
    {
        var violation = TimestampRules.CheckNotInFuture(EndingAt(Now.AddMinutes(5).AddMilliseconds(1)), Now, TimeSpan.FromMinutes(5));

        Assert.Equal(RejectionReason.FutureTimestamp, violation?.Reason);
        Assert.Contains("clock", violation?.Detail, StringComparison.Ordinal);
    }
}
