using System.Globalization;
using System.Text;
using OpenVpp.Protocols.Dsmr;

namespace OpenVpp.Cli.Peers;

/// <summary>
/// Writes a DSMR 5.0 P1 telegram as a Dutch smart meter sends it: CRLF lines, registers in kWh with three decimals
/// (whole Wh), power in kW, meter time in local time with its DST flag, CRC-16/ARC over '/' through '!'.
/// </summary>
internal static class DsmrTelegramWriter
{
    private static readonly TimeZoneInfo Amsterdam = FindZone();

    /// <summary>
    /// The telegram for <paramref name="now"/>: per-tariff registers in Wh, the active <paramref name="tariff"/>
    /// (1 low, 2 normal), and <paramref name="powerW"/> signed, positive when exporting.
    /// </summary>
    public static byte[] Write(
        DateTimeOffset now, string equipmentId, long importT1Wh, long importT2Wh, long exportT1Wh, long exportT2Wh, int tariff, int powerW)
    {
        var local = TimeZoneInfo.ConvertTime(now, Amsterdam);
        var dst = Amsterdam.IsDaylightSavingTime(local) ? 'S' : 'W';
        var b = new StringBuilder(512);
        Line(b, "/OVP5\\2OpenVPP-sim");
        Line(b, "");
        Line(b, "1-3:0.2.8(50)");
        Line(b, $"0-0:1.0.0({local:yyMMddHHmmss}{dst})");
        Line(b, $"0-0:96.1.1({Convert.ToHexString(Encoding.ASCII.GetBytes(equipmentId))})");
        Line(b, $"1-0:1.8.1({Kwh(importT1Wh)}*kWh)");
        Line(b, $"1-0:1.8.2({Kwh(importT2Wh)}*kWh)");
        Line(b, $"1-0:2.8.1({Kwh(exportT1Wh)}*kWh)");
        Line(b, $"1-0:2.8.2({Kwh(exportT2Wh)}*kWh)");
        Line(b, $"0-0:96.14.0({tariff:0000})");
        Line(b, $"1-0:1.7.0({Kw(Math.Max(0, -powerW))}*kW)");
        Line(b, $"1-0:2.7.0({Kw(Math.Max(0, powerW))}*kW)");
        Line(b, "0-0:96.7.21(00004)");
        Line(b, "0-0:96.7.9(00002)");
        Line(b, "1-0:99.97.0(0)(0-0:96.7.19)");
        Line(b, "1-0:32.7.0(230.0*V)");
        b.Append('!');
        var body = Encoding.ASCII.GetBytes(b.ToString());
        var crc = Crc16Arc.Compute(body);
        return [.. body, .. Encoding.ASCII.GetBytes(crc.ToString("X4", CultureInfo.InvariantCulture) + "\r\n")];
    }

    private static void Line(StringBuilder b, string text) => b.Append(text).Append("\r\n");

    private static string Kwh(long wh) => (wh / 1000.0).ToString("000000.000", CultureInfo.InvariantCulture);

    private static string Kw(int w) => (w / 1000.0).ToString("00.000", CultureInfo.InvariantCulture);

    private static TimeZoneInfo FindZone()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");
        }
        catch (TimeZoneNotFoundException)
        {
            // Without tzdata: the EU rule (last Sunday of March/October, 01:00 UTC) for CET/CEST.
            var start = TimeZoneInfo.TransitionTime.CreateFloatingDateRule(new DateTime(1, 1, 1, 2, 0, 0), 3, 5, DayOfWeek.Sunday);
            var end = TimeZoneInfo.TransitionTime.CreateFloatingDateRule(new DateTime(1, 1, 1, 3, 0, 0), 10, 5, DayOfWeek.Sunday);
            var rule = TimeZoneInfo.AdjustmentRule.CreateAdjustmentRule(DateTime.MinValue.Date, DateTime.MaxValue.Date, TimeSpan.FromHours(1), start, end);
            return TimeZoneInfo.CreateCustomTimeZone("CET", TimeSpan.FromHours(1), "CET", "CET", "CEST", [rule]);
        }
    }
}
