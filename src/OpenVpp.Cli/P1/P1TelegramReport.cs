using OpenVpp.Protocols.Dsmr;

namespace OpenVpp.Cli.P1;

/// <summary>One decoded telegram as `openvpp p1 decode --json` prints it (one JSON object per line).</summary>
internal sealed record P1TelegramReport(
    int Telegram,
    string Identification,
    string Variant,
    string? Version,
    string? Crc,
    P1TimeReport? MeterTime,
    string? EquipmentId,
    long? ImportT1Wh,
    long? ImportT2Wh,
    long? ImportTotalWh,
    long? ExportT1Wh,
    long? ExportT2Wh,
    long? ExportTotalWh,
    int? Tariff,
    long? PowerW,
    long? PowerImportedW,
    long? PowerExportedW,
    IReadOnlyList<P1PhaseValues> Phases,
    long? PowerFailures,
    long? LongPowerFailures,
    IReadOnlyList<P1FailureReport> PowerFailureLog,
    string? TextMessage,
    IReadOnlyList<P1MBusReport> Mbus,
    decimal? GasM3,
    P1TimeReport? GasReadAt,
    IReadOnlyList<P1ObjectReport> Objects)
{
    public static P1TelegramReport From(int number, P1Telegram t) => new(
        number,
        t.Identification,
        t.Variant.ToString(),
        t.Version,
        t.Crc is { } crc ? crc.ToString("X4", System.Globalization.CultureInfo.InvariantCulture) : null,
        P1TimeReport.From(t.MeterTime),
        t.EquipmentId,
        t.ImportT1Wh,
        t.ImportT2Wh,
        t.ImportTotalWh,
        t.ExportT1Wh,
        t.ExportT2Wh,
        t.ExportTotalWh,
        t.Tariff,
        t.PowerW,
        t.PowerImportedW,
        t.PowerExportedW,
        t.Phases,
        t.PowerFailures,
        t.LongPowerFailures,
        [.. t.PowerFailureLog.Select(f => new P1FailureReport(P1TimeReport.From(f.EndedAt), (long)f.Duration.TotalSeconds))],
        t.TextMessage,
        [.. t.MBusDevices.Select(m => new P1MBusReport(m.Channel, m.DeviceType, m.DeviceTypeName, m.EquipmentId, m.Reading?.Value, m.Reading?.Unit, P1TimeReport.From(m.ReadAt)))],
        t.GasM3,
        P1TimeReport.From(t.GasReadAt),
        [.. t.Objects.Select(o => new P1ObjectReport(
            o.Code.ToString(), o.Definition?.Name, o.RawValue, o.Quantity?.Value, o.Quantity is { Unit.Length: > 0 } q ? q.Unit : null, P1TimeReport.From(o.Timestamp), o.Text))]);
}

/// <summary>A meter time in UTC and as the meter's local clock showed it, with its DST flag.</summary>
internal sealed record P1TimeReport(DateTimeOffset Utc, DateTimeOffset Local, string Dst)
{
    public static P1TimeReport? From(P1Timestamp? t) => t is { } v
        ? new P1TimeReport(v.Utc, v.Local, v.Dst switch { P1DstIndicator.Summer => "S", P1DstIndicator.Winter => "W", _ => "-" })
        : null;
}

internal sealed record P1FailureReport(P1TimeReport? EndedAt, long DurationS);

internal sealed record P1MBusReport(int Channel, int? DeviceType, string? DeviceTypeName, string? EquipmentId, decimal? Value, string? Unit, P1TimeReport? ReadAt);

internal sealed record P1ObjectReport(string Obis, string? Name, string Raw, decimal? Value, string? Unit, P1TimeReport? Time, string? Text);

/// <summary>A telegram that was refused, as `p1 decode --json` prints it.</summary>
internal sealed record P1RefusalReport(int Telegram, string Error, string Message);
