using System.Text.Json.Nodes;
using OpenVpp.Core.DemandResponse.Dispatch;
using OpenVpp.Node.OpenAdr;

namespace OpenVpp.Node.DemandResponse;

/// <summary>
/// A dispatched device's own OpenADR event: DISPATCH_SETPOINT in KW per planned interval, targeted at its resource
/// so only its VEN sees it. Pure: the same plan gives the same body, so a replacement is recognisable.
/// </summary>
internal static class DrChildEvent
{
    public static JsonObject Build(DrEventState state, DrDevicePlan device, string name)
    {
        var duration = System.Xml.XmlConvert.ToString(state.Interval);
        var intervals = new JsonArray();
        for (var k = 0; k < state.ValuesW.Count; k++)
        {
            if (device.SetpointW[k] is not { } w)
            {
                continue;
            }

            // DISPATCH_SETPOINT is the resource's consumption: a battery discharging and PV generating consume negatively.
            var consumptionKw = (device.SetpointKind == SetpointKind.ChargingLimitW ? w : -w) / 1_000.0;
            intervals.Add(new JsonObject
            {
                ["id"] = k,
                ["intervalPeriod"] = new JsonObject { ["start"] = OpenAdrJson.DateTime(state.Start + (state.Interval * k)), ["duration"] = duration },
                ["payloads"] = new JsonArray(new JsonObject { ["type"] = "DISPATCH_SETPOINT", ["values"] = new JsonArray(Math.Round(consumptionKw, 3)) }),
            });
        }

        return new JsonObject
        {
            ["programID"] = state.ProgramId,
            ["eventName"] = name,
            ["targets"] = new JsonArray(device.ResourceName),
            ["payloadDescriptors"] = new JsonArray(new JsonObject { ["objectType"] = "EVENT_PAYLOAD_DESCRIPTOR", ["payloadType"] = "DISPATCH_SETPOINT", ["units"] = "KW" }),
            ["intervalPeriod"] = new JsonObject { ["start"] = OpenAdrJson.DateTime(state.Start), ["duration"] = duration },
            ["intervals"] = intervals,
        };
    }
}
