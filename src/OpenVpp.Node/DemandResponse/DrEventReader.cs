using System.Globalization;
using System.Text.Json.Nodes;
using System.Xml;
using OpenVpp.Core.DemandResponse.Dispatch;

namespace OpenVpp.Node.DemandResponse;

/// <summary>
/// Decides whether an OpenADR 3.1 event is a fleet event and reads it. A fleet event targets regions the registry
/// knows and carries IMPORT_CAPACITY_LIMIT, EXPORT_CAPACITY_LIMIT or DISPATCH_SETPOINT_RELATIVE (a negative change
/// of consumption: a reduction). Intervals run back to back from the event's intervalPeriod unless an interval has
/// its own; each must lie on the reading grid and last whole reading intervals, because delivery is measured from
/// readings on that grid.
/// </summary>
internal static class DrEventReader
{
    public const string ChildPrefix = "openvpp-dispatch:";
    public const string ImportCapacityLimit = "IMPORT_CAPACITY_LIMIT";
    public const string ExportCapacityLimit = "EXPORT_CAPACITY_LIMIT";
    public const string DispatchSetpointRelative = "DISPATCH_SETPOINT_RELATIVE";

    /// <summary>
    /// The request, or a reason the fleet cannot act on an event meant for it; both null when the event is not a
    /// fleet event (no known region, another payload type, or one of the node's own per-device events).
    /// </summary>
    public static (DrEventRequest? Request, string? Refusal) Read(JsonObject ev, TimeSpan readingInterval, Func<string, bool> isRegion)
    {
        ArgumentNullException.ThrowIfNull(ev);
        ArgumentNullException.ThrowIfNull(isRegion);
        var id = ev["id"]?.GetValue<string>() ?? "";
        if (ev["eventName"]?.GetValue<string>() is { } name && name.StartsWith(ChildPrefix, StringComparison.Ordinal))
        {
            return (null, null);
        }

        var regions = (ev["targets"] as JsonArray ?? []).Select(t => t is JsonValue v && v.TryGetValue<string>(out var s) ? s : null)
            .OfType<string>().Where(isRegion).Distinct(StringComparer.Ordinal).ToList();
        var intervals = ev["intervals"] as JsonArray ?? [];
        var type = PayloadType(ev, intervals);
        if (regions.Count == 0 || type is null)
        {
            return (null, null);
        }

        var kind = type switch
        {
            ImportCapacityLimit => DispatchTargetKind.ImportLimit,
            ExportCapacityLimit => DispatchTargetKind.ExportLimit,
            _ => DispatchTargetKind.Reduction,
        };
        if (Scale(ev, type) is not { } scaleW)
        {
            return (null, $"event {id}: {type} must be in KW or W");
        }

        if (!TryPeriod(ev["intervalPeriod"], out var eventStart, out var eventDuration))
        {
            eventStart = default;
            eventDuration = default;
        }

        var slots = new SortedDictionary<DateTimeOffset, double>();
        var at = eventStart;
        foreach (var interval in intervals)
        {
            var (from, length) = TryPeriod(interval?["intervalPeriod"], out var s, out var d) ? (s, d) : (at, eventDuration);
            at = from + length;
            if (length <= TimeSpan.Zero || from == default)
            {
                return (null, $"event {id}: an interval has no start and duration (neither its own intervalPeriod nor the event's)");
            }

            if ((from - DateTimeOffset.UnixEpoch).Ticks % readingInterval.Ticks != 0 || length.Ticks % readingInterval.Ticks != 0)
            {
                return (null, $"event {id}: interval at {from:O} lasting {length} is not on the {readingInterval} reading grid, so its delivery could not be measured");
            }

            var payload = (interval?["payloads"] as JsonArray ?? []).FirstOrDefault(p => p?["type"]?.GetValue<string>() == type);
            if (payload?["values"] is not JsonArray { Count: > 0 } values || !TryNumber(values[0], out var value))
            {
                continue;
            }

            var valueW = value * scaleW;
            if (kind == DispatchTargetKind.Reduction)
            {
                if (valueW > 0)
                {
                    return (null, $"event {id}: {type} {value} asks for more consumption; the fleet acts only on reductions (negative values)");
                }

                valueW = -valueW;
            }
            else if (valueW < 0)
            {
                return (null, $"event {id}: a {type} of {value} is negative");
            }

            for (var t = from; t < from + length; t += readingInterval)
            {
                slots[t] = valueW;
            }
        }

        if (slots.Count == 0)
        {
            return (null, $"event {id}: no interval carries a {type} value");
        }

        var start = slots.Keys.First();
        var count = (int)((slots.Keys.Last() - start).Ticks / readingInterval.Ticks) + 1;
        if (count != slots.Count)
        {
            return (null, $"event {id}: its intervals leave gaps; send one event per contiguous window");
        }

        return (new DrEventRequest(id, ev["programID"]?.GetValue<string>() ?? "", kind, regions, start, readingInterval, [.. slots.Values]), null);
    }

    private static string? PayloadType(JsonObject ev, JsonArray intervals)
    {
        string[] ours = [ImportCapacityLimit, ExportCapacityLimit, DispatchSetpointRelative];
        var types = intervals.SelectMany(i => i?["payloads"] as JsonArray ?? []).Select(p => p?["type"]?.GetValue<string>())
            .Concat((ev["payloadDescriptors"] as JsonArray ?? []).Select(p => p?["payloadType"]?.GetValue<string>()));
        return types.FirstOrDefault(t => t is not null && ours.Contains(t));
    }

    private static double? Scale(JsonObject ev, string type)
    {
        var descriptor = (ev["payloadDescriptors"] as JsonArray ?? []).FirstOrDefault(p => p?["payloadType"]?.GetValue<string>() == type);
        return (descriptor?["units"]?.GetValue<string>() ?? "KW").ToUpperInvariant() switch
        {
            "KW" => 1_000,
            "W" => 1,
            _ => null,
        };
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
