using System.Globalization;
using System.Text.Json;

namespace OpenVpp.Protocols.Ocpp;

/// <summary>
/// Maps OCPP meterValue arrays (MeterValues, StopTransaction.transactionData in 1.6, TransactionEvent in 2.0.1) to
/// <see cref="OcppMeterSample"/>s. Understood measurands: Energy.Active.Import/Export.Register (Wh, kWh),
/// Power.Active.Import/Export (W, kW) and SoC (Percent). 1.6 sends values as strings with a unit; 2.0.1 as numbers
/// with unitOfMeasure {unit, multiplier (power of ten)}. A value without phase is the total; when a station only
/// reports per phase (L1, L2, L3 or Lx-N) the phases are summed. Other measurands and unreadable values are skipped.
/// Call it on schema-validated payloads: it does not re-check the structure.
/// </summary>
public static class OcppMeterValues
{
    private const string DefaultMeasurand = "Energy.Active.Import.Register";

    /// <summary>Samples from the meterValue array <paramref name="meterValues"/> (each element has timestamp and sampledValue).</summary>
    public static IReadOnlyList<OcppMeterSample> Map(OcppVersion version, JsonElement meterValues, DateTimeOffset receivedAt)
    {
        var samples = new List<OcppMeterSample>();
        if (meterValues.ValueKind != JsonValueKind.Array)
        {
            return samples;
        }

        foreach (var meterValue in meterValues.EnumerateArray())
        {
            var at = meterValue.TryGetProperty("timestamp", out var ts) && ts.ValueKind == JsonValueKind.String &&
                DateTimeOffset.TryParse(ts.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
                ? parsed.ToUniversalTime()
                : receivedAt;
            if (!meterValue.TryGetProperty("sampledValue", out var sampled) || sampled.ValueKind != JsonValueKind.Array)
            {
                continue;
            }

            var totals = new Totals();
            foreach (var value in sampled.EnumerateArray())
            {
                Accumulate(version, value, totals);
            }

            var sample = totals.ToSample(at);
            if (!sample.IsEmpty)
            {
                samples.Add(sample);
            }
        }

        return samples;
    }

    private static void Accumulate(OcppVersion version, JsonElement value, Totals totals)
    {
        var measurand = StringOf(value, "measurand") ?? DefaultMeasurand;
        var phase = StringOf(value, "phase");
        if (phase is not null && !IsLineToNeutral(phase))
        {
            return;
        }

        if (!TryReadNumber(version, value, out var number, out var unit, out var multiplier))
        {
            return;
        }

        var scaled = number * Math.Pow(10, multiplier);
        switch (measurand)
        {
            case "Energy.Active.Import.Register":
                Totals.Add(ref totals.ImportWh, phase, ToBase(scaled, unit ?? "Wh", "kWh"));
                break;
            case "Energy.Active.Export.Register":
                Totals.Add(ref totals.ExportWh, phase, ToBase(scaled, unit ?? "Wh", "kWh"));
                break;
            case "Power.Active.Import":
                Totals.Add(ref totals.ImportW, phase, ToBase(scaled, unit ?? "W", "kW"));
                break;
            case "Power.Active.Export":
                Totals.Add(ref totals.ExportW, phase, ToBase(scaled, unit ?? "W", "kW"));
                break;
            case "SoC" when unit is null or "Percent":
                totals.SocPercent = scaled;
                break;
        }
    }

    private static double? ToBase(double value, string unit, string kiloUnit) =>
        unit == kiloUnit ? value * 1000 : unit == kiloUnit[1..] ? value : null;

    private static bool IsLineToNeutral(string phase) => phase is "L1" or "L2" or "L3" or "L1-N" or "L2-N" or "L3-N";

    private static bool TryReadNumber(OcppVersion version, JsonElement value, out double number, out string? unit, out int multiplier)
    {
        number = 0;
        unit = null;
        multiplier = 0;
        if (!value.TryGetProperty("value", out var raw))
        {
            return false;
        }

        if (version == OcppVersion.Ocpp16)
        {
            unit = StringOf(value, "unit");
            return raw.ValueKind == JsonValueKind.String &&
                double.TryParse(raw.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out number) && double.IsFinite(number);
        }

        if (value.TryGetProperty("unitOfMeasure", out var uom) && uom.ValueKind == JsonValueKind.Object)
        {
            unit = StringOf(uom, "unit");
            if (uom.TryGetProperty("multiplier", out var m) && m.ValueKind == JsonValueKind.Number && m.TryGetInt32(out var mult) && mult is >= -9 and <= 9)
            {
                multiplier = mult;
            }
        }

        return raw.ValueKind == JsonValueKind.Number && raw.TryGetDouble(out number) && double.IsFinite(number);
    }

    private static string? StringOf(JsonElement element, string name) =>
        element.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;

    // Per measurand: the total (no phase) if given, else the sum of the phases.
    private sealed class Totals
    {
        public (double? Total, double? Phases) ImportWh;
        public (double? Total, double? Phases) ExportWh;
        public (double? Total, double? Phases) ImportW;
        public (double? Total, double? Phases) ExportW;
        public double? SocPercent;

        public static void Add(ref (double? Total, double? Phases) slot, string? phase, double? value)
        {
            if (value is null)
            {
                return;
            }

            if (phase is null)
            {
                slot.Total = value;
            }
            else
            {
                slot.Phases = (slot.Phases ?? 0) + value;
            }
        }

        public OcppMeterSample ToSample(DateTimeOffset at)
        {
            var importWh = ImportWh.Total ?? ImportWh.Phases;
            var exportWh = ExportWh.Total ?? ExportWh.Phases;
            var importW = ImportW.Total ?? ImportW.Phases;
            var exportW = ExportW.Total ?? ExportW.Phases;
            int? powerW = importW is null && exportW is null
                ? null
                : ClampToInt((exportW ?? 0) - (importW ?? 0));
            ushort? soc = SocPercent is { } p ? (ushort)Math.Clamp(Math.Round(p * 100), 0, 10_000) : null;
            return new OcppMeterSample(at, Register(importWh), Register(exportWh), powerW, soc);
        }

        private static long? Register(double? wh) => wh is { } v && v >= 0 && v < 1e15 ? (long)Math.Round(v) : null;

        private static int ClampToInt(double w) => (int)Math.Clamp(Math.Round(w), int.MinValue, int.MaxValue);
    }
}
