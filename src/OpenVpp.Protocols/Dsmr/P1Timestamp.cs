namespace OpenVpp.Protocols.Dsmr;

/// <summary>
/// A meter timestamp (YYMMDDhhmmssX): the meter's local wall-clock time with the offset its DST flag implies, so
/// <see cref="Utc"/> is exact. Netherlands, Belgium and Luxembourg all keep Central European Time.
/// </summary>
public readonly record struct P1Timestamp(DateTimeOffset Local, P1DstIndicator Dst)
{
    public DateTimeOffset Utc => Local.ToUniversalTime();

    private static readonly TimeSpan Winter = TimeSpan.FromHours(1);
    private static readonly TimeSpan Summer = TimeSpan.FromHours(2);

    /// <summary>
    /// Parses 12 digits and an optional S/W. Returns false for text that is not a timestamp or a date that does not
    /// exist; <paramref name="isZero"/> is set for 000000000000, which meters write for "never".
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> text, out P1Timestamp timestamp, out bool isZero)
    {
        timestamp = default;
        isZero = false;
        if (text.Length is not (12 or 13))
        {
            return false;
        }

        var dst = P1DstIndicator.Unspecified;
        if (text.Length == 13)
        {
            dst = text[12] switch
            {
                (byte)'S' => P1DstIndicator.Summer,
                (byte)'W' => P1DstIndicator.Winter,
                _ => (P1DstIndicator)(-1),
            };
            if ((int)dst < 0)
            {
                return false;
            }
        }

        Span<int> parts = stackalloc int[6];
        for (var i = 0; i < 6; i++)
        {
            var hi = text[2 * i] - '0';
            var lo = text[(2 * i) + 1] - '0';
            if ((uint)hi > 9 || (uint)lo > 9)
            {
                return false;
            }

            parts[i] = (hi * 10) + lo;
        }

        if (parts[0] == 0 && parts[1] == 0 && parts[2] == 0 && parts[3] == 0 && parts[4] == 0 && parts[5] == 0)
        {
            isZero = true;
            return false;
        }

        var (year, month, day) = (2000 + parts[0], parts[1], parts[2]);
        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || parts[3] > 23 || parts[4] > 59 || parts[5] > 59)
        {
            return false;
        }

        var local = new DateTime(year, month, day, parts[3], parts[4], parts[5], DateTimeKind.Unspecified);
        var offset = dst switch
        {
            P1DstIndicator.Summer => Summer,
            P1DstIndicator.Winter => Winter,
            _ => IsCentralEuropeanSummer(local) ? Summer : Winter,
        };
        timestamp = new P1Timestamp(new DateTimeOffset(local, offset), dst);
        return true;
    }

    // EU rule since 1996: summer time from the last Sunday of March 02:00 CET to the last Sunday of October 03:00 CEST.
    // The repeated hour in October is read as winter time; the meters that need it say so with their flag.
    private static bool IsCentralEuropeanSummer(DateTime local)
    {
        var start = LastSunday(local.Year, 3).AddHours(2);
        var end = LastSunday(local.Year, 10).AddHours(2);
        return local >= start && local < end;
    }

    private static DateTime LastSunday(int year, int month)
    {
        var last = new DateTime(year, month, DateTime.DaysInMonth(year, month), 0, 0, 0, DateTimeKind.Unspecified);
        return last.AddDays(-(int)last.DayOfWeek);
    }

    public override string ToString() =>
        $"{Utc:yyyy-MM-dd HH:mm:ss}Z ({Local:yyyy-MM-dd HH:mm:ss zzz}{Dst switch { P1DstIndicator.Summer => " S", P1DstIndicator.Winter => " W", _ => string.Empty }})";
}
