using System.Globalization;
using System.Text;
using OpenVpp.Protocols.SunSpec;

namespace OpenVpp.Cli.SunSpec;

/// <summary>Turns a scan into the report (for JSON) and into text an installer reads.</summary>
internal static class SunSpecScanPrinter
{
    public const string Absent = "—";

    public static SunSpecScanReport Report(string endpoint, SunSpecScan scan)
    {
        var identity = scan.Identity is { } i
            ? new SunSpecIdentityReport(i.Manufacturer, i.Model, i.Options, i.Version, i.SerialNumber, i.DeviceAddress)
            : null;
        return new SunSpecScanReport(endpoint, scan.UnitId, scan.BaseAddress, identity, [.. scan.Models.Select(Model)]);
    }

    public static string Text(SunSpecScanReport report)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"SunSpec device at {report.Endpoint}, unit {report.Unit}: marker 'SunS' at register {report.BaseAddress}, {report.Models.Count} models");
        if (report.Identity is { } id)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"  manufacturer {id.Manufacturer ?? Absent}, model {id.Model ?? Absent}, options {id.Options ?? Absent}, version {id.Version ?? Absent}, serial {id.SerialNumber ?? Absent}, device address {id.DeviceAddress?.ToString(CultureInfo.InvariantCulture) ?? Absent}");
        }

        foreach (var model in report.Models)
        {
            text.AppendLine();
            if (!model.Known)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"model {model.Id} at {model.Address}, {model.Length} registers: no definition here, skipped");
                continue;
            }

            text.AppendLine(CultureInfo.InvariantCulture, $"model {model.Id} {model.Label} ({model.Name}) at {model.Address}, {model.Length} registers");
            if (model.Error is { } error)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  could not be read: {error}");
                continue;
            }

            var points = model.Points ?? [];
            var pathWidth = points.Count == 0 ? 0 : points.Max(p => p.Path.Length);
            var labelWidth = points.Count == 0 ? 0 : Math.Min(40, points.Max(p => p.Label.Length));
            foreach (var point in points)
            {
                var value = Shown(point);
                var access = point.Access == "RW" ? "  (RW)" : string.Empty;
                text.AppendLine(CultureInfo.InvariantCulture, $"  {point.Path.PadRight(pathWidth)}  {point.Label.PadRight(labelWidth)}  {value}{access}");
            }
        }

        return text.ToString();
    }

    private static string Shown(SunSpecPointReport point)
    {
        var units = point.Units is { Length: > 0 } u ? " " + u : string.Empty;
        return (point.Value, point.Text) switch
        {
            (null, null) => Absent,
            (null, { } text) => text,
            ({ } value, null or "") => value.ToString(CultureInfo.InvariantCulture) + units,
            ({ } value, { } text) => $"{text} ({value.ToString(CultureInfo.InvariantCulture)})",
        };
    }

    private static SunSpecModelReport Model(SunSpecModel model) => new(
        model.Id,
        model.Definition?.Name,
        model.Label,
        model.Address,
        model.Length,
        model.IsKnown,
        model.Error,
        model.Root is { } root ? [.. Points(root, string.Empty)] : null);

    private static IEnumerable<SunSpecPointReport> Points(SunSpecGroup group, string prefix)
    {
        foreach (var point in group.Points)
        {
            // ID and L are the model header, already shown; pads carry nothing.
            if (prefix.Length == 0 && point.Name is "ID" or "L" || point.Definition.Type == Protocols.SunSpec.Definitions.SunSpecPointType.Pad)
            {
                continue;
            }

            yield return new SunSpecPointReport(
                prefix + point.Name,
                point.Definition.Label ?? point.Name,
                point.Value,
                point.Text,
                point.Units,
                point.Definition.Writable ? "RW" : "R");
        }

        foreach (var child in group.Groups)
        {
            foreach (var point in Points(child, $"{prefix}{child.PathName}."))
            {
                yield return point;
            }
        }
    }
}
