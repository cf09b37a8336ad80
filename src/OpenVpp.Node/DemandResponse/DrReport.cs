using System.Text.Json.Nodes;
using OpenVpp.Node.OpenAdr;

namespace OpenVpp.Node.DemandResponse;

/// <summary>
/// The measurement as an OpenADR 3.1 report on the operator's event: per dispatched resource and per interval, the
/// BASELINE (net consumption without the event, KW) and DELTA_USAGE (measured minus baseline, KW; negative is a
/// reduction), plus an AGGREGATED_REPORT resource with the fleet's DELTA_USAGE.
/// </summary>
internal static class DrReport
{
    public static JsonObject Build(DrEventState state, string clientName)
    {
        ArgumentNullException.ThrowIfNull(state);
        var result = state.Result ?? throw new InvalidOperationException($"Event {state.EventId} is not measured yet.");
        var duration = System.Xml.XmlConvert.ToString(state.Interval);
        var period = new JsonObject { ["start"] = OpenAdrJson.DateTime(state.Start), ["duration"] = duration };
        var resources = new JsonArray();
        foreach (var device in result.PerDevice.Where(d => d.Failure is null))
        {
            var intervals = new JsonArray();
            for (var k = 0; k < state.ValuesW.Count; k++)
            {
                if (device.BaselineKwByInterval[k] is not { } baseline || device.DeliveredKwByInterval[k] is not { } delivered)
                {
                    continue;
                }

                intervals.Add(new JsonObject
                {
                    ["id"] = k,
                    ["payloads"] = new JsonArray(
                        new JsonObject { ["type"] = "BASELINE", ["values"] = new JsonArray(baseline) },
                        new JsonObject { ["type"] = "DELTA_USAGE", ["values"] = new JsonArray(Math.Round(-delivered, 3)) }),
                });
            }

            resources.Add(new JsonObject { ["resourceName"] = device.ResourceName, ["intervalPeriod"] = period.DeepClone(), ["intervals"] = intervals });
        }

        resources.Add(new JsonObject
        {
            ["resourceName"] = "AGGREGATED_REPORT",
            ["intervalPeriod"] = period.DeepClone(),
            ["intervals"] = new JsonArray([.. result.DeliveredKwByInterval.Select((kw, k) => (JsonNode)new JsonObject
            {
                ["id"] = k,
                ["payloads"] = new JsonArray(new JsonObject { ["type"] = "DELTA_USAGE", ["values"] = new JsonArray(Math.Round(-kw, 3)) }),
            })]),
        });

        return new JsonObject
        {
            ["eventID"] = state.EventId,
            ["clientName"] = clientName,
            ["reportName"] = $"openvpp measurement and verification of {state.EventId}",
            ["payloadDescriptors"] = new JsonArray(
                new JsonObject { ["objectType"] = "REPORT_PAYLOAD_DESCRIPTOR", ["payloadType"] = "BASELINE", ["units"] = "KW" },
                new JsonObject { ["objectType"] = "REPORT_PAYLOAD_DESCRIPTOR", ["payloadType"] = "DELTA_USAGE", ["units"] = "KW" }),
            ["resources"] = resources,
        };
    }
}
