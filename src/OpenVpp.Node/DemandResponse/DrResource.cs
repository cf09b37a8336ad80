using System.Text.Json.Nodes;
using OpenVpp.Core.Devices;
using OpenVpp.Storage.OpenAdr;

namespace OpenVpp.Node.DemandResponse;

/// <summary>A VTN resource as the DR service sees it: its name and the registered device it says it is, if any.</summary>
internal sealed record DrResource(OpenAdrObject Item, JsonObject Body, string Name, DeviceId? DeviceId)
{
    /// <summary>The private attribute a fleet VEN puts on each resource, naming the device's id from its keystore.</summary>
    public const string DeviceIdAttribute = "OPENVPP_DEVICE_ID";

    public static List<DrResource> ReadAll(SqliteOpenAdrStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        var entries = new List<DrResource>();
        foreach (var item in store.List("RESOURCE"))
        {
            var body = JsonNode.Parse(item.Body)!.AsObject();
            var name = body["resourceName"]?.GetValue<string>() ?? "";
            var attribute = (body["attributes"] as JsonArray ?? []).OfType<JsonObject>()
                .Where(a => a["type"]?.GetValue<string>() == DeviceIdAttribute)
                .Select(a => (a["values"] as JsonArray)?.FirstOrDefault()?.ToString())
                .FirstOrDefault();
            DeviceId? device = attribute is not null && OpenVpp.Core.Devices.DeviceId.TryParse(attribute, out var id) ? id : null;
            entries.Add(new DrResource(item, body, name, device));
        }

        return entries;
    }

    /// <summary>
    /// The BL request that adds the resource's own name to its targets (a VEN sees an event only through targets BL
    /// granted it), or null when it already has it or has no name.
    /// </summary>
    public JsonObject? OwnTargetGrant()
    {
        var targets = (Body["targets"] as JsonArray ?? []).Select(t => t?.ToString()).ToList();
        if (Name.Length == 0 || targets.Contains(Name))
        {
            return null;
        }

        var request = new JsonObject
        {
            ["objectType"] = "BL_RESOURCE_REQUEST",
            ["clientID"] = Item.ClientId,
            ["resourceName"] = Name,
            ["venID"] = Item.VenId,
            ["targets"] = new JsonArray([.. targets.OfType<string>().Append(Name).Select(t => (JsonNode)t)]),
        };
        if (Body["attributes"] is JsonArray attributes)
        {
            request["attributes"] = attributes.DeepClone();
        }

        return request;
    }
}
