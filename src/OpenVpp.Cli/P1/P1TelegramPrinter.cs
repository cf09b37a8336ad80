using System.Globalization;
using System.Text;
using OpenVpp.Protocols.Dsmr;

namespace OpenVpp.Cli.P1;

/// <summary>A decoded telegram for people: the values that matter first, then every line with its meaning and unit.</summary>
internal static class P1TelegramPrinter
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Format(int number, P1Telegram t)
    {
        var s = new StringBuilder();
        var crc = t.Crc is { } c ? $"CRC {c:X4} ok" : "no CRC (DSMR 2.2/3.0)";
        s.Append(Invariant, $"Telegram {number}: /{t.Identification}  {t.Variant}{(t.Version is null ? string.Empty : $" (version {t.Version})")}, {crc}\n");
        Line(s, "Meter time", t.MeterTime?.ToString());
        Line(s, "Equipment id", t.EquipmentId);
        Line(s, "Imported", Registers(t.ImportT1Wh, t.ImportT2Wh, t.ImportTotalWh));
        Line(s, "Exported", Registers(t.ExportT1Wh, t.ExportT2Wh, t.ExportTotalWh));
        Line(s, "Tariff", t.Tariff?.ToString(Invariant));
        if (t.PowerW is { } powerW)
        {
            Line(s, "Power", $"{powerW} W ({(powerW > 0 ? "exporting" : powerW < 0 ? "importing" : "idle")}; imported {t.PowerImportedW ?? 0} W, exported {t.PowerExportedW ?? 0} W)");
        }

        foreach (var p in t.Phases)
        {
            var parts = new List<string>();
            if (p.VoltageV is { } v) { parts.Add($"{v.ToString(Invariant)} V"); }
            if (p.CurrentA is { } a) { parts.Add($"{a.ToString(Invariant)} A"); }
            if (p.PowerW is { } w) { parts.Add($"{w} W"); }
            if (p.VoltageSags is { } sags) { parts.Add($"{sags} sags"); }
            if (p.VoltageSwells is { } swells) { parts.Add($"{swells} swells"); }
            Line(s, $"Phase L{p.Phase}", string.Join(", ", parts));
        }

        if (t.PowerFailures is not null || t.LongPowerFailures is not null)
        {
            Line(s, "Power failures", $"{t.PowerFailures ?? 0}, long: {t.LongPowerFailures ?? 0}");
        }

        foreach (var f in t.PowerFailureLog)
        {
            Line(s, "  long failure", $"ended {f.EndedAt?.ToString() ?? "(no time)"}, lasted {(long)f.Duration.TotalSeconds} s");
        }

        Line(s, "Message", t.TextMessage);
        foreach (var m in t.MBusDevices)
        {
            var reading = m.Reading is { } r ? $"{r}{(m.ReadAt is { } at ? $" at {at}" : string.Empty)}" : "no reading";
            Line(s, $"M-Bus {m.Channel}", $"{m.DeviceTypeName ?? "unknown type"}{(m.EquipmentId is null ? string.Empty : $" {m.EquipmentId}")}: {reading}");
        }

        s.Append("  Lines:\n");
        foreach (var o in t.Objects)
        {
            s.Append(Invariant, $"    {o.Code,-12} {o.Definition?.Name ?? "(unknown code, kept raw)",-44} {ValueOf(o)}\n");
        }

        return s.ToString();
    }

    private static string ValueOf(P1Object o) => o switch
    {
        { Definition.Kind: ObisKind.PowerFailureLog } => $"{o.Quantity} entries",
        { Quantity: { } q, Timestamp: { } t } => $"{q} at {t}",
        { Quantity: { } q } => q.ToString(),
        { Timestamp: { } t } => t.ToString(),
        { Text: { Length: > 0 } text } when text != o.RawValue.Trim('(', ')') => $"\"{text}\" {o.RawValue}",
        _ => o.RawValue,
    };

    private static string? Registers(long? t1, long? t2, long? total) =>
        t1 is null && t2 is null && total is null
            ? null
            : string.Join(", ", new[] { t1 is { } a ? $"T1 {a} Wh" : null, t2 is { } b ? $"T2 {b} Wh" : null, total is { } c ? $"total {c} Wh" : null }.OfType<string>());

    private static void Line(StringBuilder s, string label, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            s.Append(Invariant, $"  {label,-15} {value}\n");
        }
    }
}
