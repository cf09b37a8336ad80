using System.Globalization;
using System.Text.Json.Nodes;
using System.Xml;
using OpenVpp.Core.Devices;
using OpenVpp.Gateway.DemandResponse;

namespace OpenVpp.Gateway.OpenAdr;

/// <summary>
/// Reads an OpenADR 3.1 event addressed to this gateway's resources into device instructions. A DISPATCH_SETPOINT is
/// the absolute consumption of the targeted resource (negative when it delivers), in the units of its payload
/// descriptor (KW by default, or W). By device kind it becomes:
/// <list type="bullet">
/// <item>a battery's power setpoint of −consumption;</item>
/// <item>a charger's charging limit of consumption;</item>
/// <item>an inverter's generation limit of −consumption.</item>
/// </list>
/// Intervals run back to back from the event's intervalPeriod start, each lasting its own intervalPeriod duration or
/// else the event's, as the User Guide describes.
/// </summary>
public static class DispatchEvents
{
    public const string DispatchSetpoint = "DISPATCH_SETPOINT";

    /// <summary>The instructions in <paramref name="ev"/> for the devices <paramref name="kindOf"/> knows; problems go to <paramref name="problems"/>.</summary>
    public static IReadOnlyList<DeviceInstruction> Read(JsonObject ev, Func<string, DeviceKind?> kindOf, List<string> problems)
    {
        ArgumentNullException.ThrowIfNull(ev);
        ArgumentNullException.ThrowIfNull(kindOf);
        ArgumentNullException.ThrowIfNull(problems);
        var eventId = ev["id"]?.GetValue<string>() ?? "";
        var resources = (ev["targets"] as JsonArray ?? []).Select(t => t?.GetValue<string>() ?? "").Where(t => kindOf(t) is not null).ToList();
        if (resources.Count == 0)
        {
            return [];
        }

        var scaleW = Scale(ev, problems, eventId);
        if (!TryPeriod(ev["intervalPeriod"], out var start, out var duration))
        {
            problems.Add($"event {eventId} has no intervalPeriod with a start and a duration; it is ignored");
            return [];
        }

        var instructions = new List<DeviceInstruction>();
        var at = start;
        foreach (var interval in ev["intervals"] as JsonArray ?? [])
        {
            var (from, length) = TryPeriod(interval?["intervalPeriod"], out var s, out var d) ? (s, d) : (at, duration);
            at = from + length;
            var payload = (interval?["payloads"] as JsonArray ?? []).FirstOrDefault(p => p?["type"]?.GetValue<string>() == DispatchSetpoint);
            if (payload?["values"] is not JsonArray { Count: > 0 } values || !TryNumber(values[0], out var consumption))
            {
                continue;
            }

            var consumptionW = consumption * scaleW;
            foreach (var resource in resources)
            {
                SetpointKind? kind = kindOf(resource) switch
                {
                    DeviceKind.Battery => SetpointKind.BatteryPowerW,
                    DeviceKind.EvCharger => SetpointKind.ChargingLimitW,
                    DeviceKind.SolarInverter => SetpointKind.GenerationLimitW,
                    _ => null,
                };
                if (kind is null)
                {
                    problems.Add($"event {eventId} dispatches {resource}, which cannot follow a setpoint; it is ignored");
                    continue;
                }

                var w = kind switch
                {
                    SetpointKind.BatteryPowerW => -consumptionW,
                    SetpointKind.ChargingLimitW => Math.Max(0, consumptionW),
                    _ => Math.Max(0, -consumptionW),
                };
                instructions.Add(new DeviceInstruction(eventId, resource, from, from + length, kind.Value, (int)Math.Round(w)));
            }
        }

        return instructions;
    }
    private static double Scale(JsonObject ev, List<string> problems, string eventId)
    {
        var descriptor = (ev["payloadDescriptors"] as JsonArray ?? []).FirstOrDefault(p => p?["payloadType"]?.GetValue<string>() == DispatchSetpoint);
        var units = descriptor?["units"]?.GetValue<string>() ?? "KW";
        switch (units.ToUpperInvariant())
        {
            case "KW":
                return 1_000;
            case "W":
                return 1;
            default:
                problems.Add($"event {eventId} gives DISPATCH_SETPOINT in {units}; read as KW");
                return 1_000;
        }
    }

    private static bool TryPeriod(JsonNode? period, out DateTimeOffset start, out TimeSpan duration)
    {
        start = default;
        duration = default;
        try
        {
            return period?["start"]?.GetValue<string>() is { } s && period["duration"]?.GetValue<string>() is { } d
                && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out start)
                && (duration = XmlConvert.ToTimeSpan(d)) > TimeSpan.Zero;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static bool TryNumber(JsonNode? node, out double value)
    {
        value = 0;
        return node is JsonValue v && (v.TryGetValue(out value) || (v.TryGetValue<long>(out var l) && (value = l) == l));
    }
}
