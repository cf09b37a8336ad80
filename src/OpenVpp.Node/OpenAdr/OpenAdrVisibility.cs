using System.Text.Json.Nodes;
using OpenVpp.Storage.OpenAdr;

namespace OpenVpp.Node.OpenAdr;

/// <summary>
/// What a VEN may see (OpenADR 3.1 Definition, object privacy). Business logic sees everything. A VEN sees the vens,
/// resources, reports and subscriptions it created (its clientID). Programs and events without targets are public;
/// those with targets are visible only when the VEN asks with targets that were granted to it (on its ven or its
/// resources, which only BL may write) and that match the object's, and the object is shown with only those targets.
/// </summary>
internal sealed class OpenAdrVisibility(SqliteOpenAdrStore store)
{
    /// <summary>Targets granted to the VEN client <paramref name="clientId"/>: those of its ven objects and their resources.</summary>
    public HashSet<string> GrantedTargets(string clientId)
    {
        var granted = new HashSet<string>(StringComparer.Ordinal);
        foreach (var ven in store.List(OpenAdrCollection.Vens.ObjectType, clientId: clientId))
        {
            AddTargets(granted, JsonNode.Parse(ven.Body));
            foreach (var resource in store.List(OpenAdrCollection.Resources.ObjectType, venId: ven.Id))
            {
                AddTargets(granted, JsonNode.Parse(resource.Body));
            }
        }

        return granted;
    }

    /// <summary>
    /// The object as <paramref name="principal"/> may see it, or null when it may not. <paramref name="requested"/> are
    /// the targets of the query (a VEN must name targets to see a targeted object).
    /// </summary>
    public JsonObject? View(OpenAdrPrincipal principal, OpenAdrCollection collection, OpenAdrObject item, IReadOnlyCollection<string> requested, HashSet<string>? granted)
    {
        var body = JsonNode.Parse(item.Body)!.AsObject();
        var objectTargets = Targets(body);
        if (!principal.IsVen)
        {
            return requested.Count == 0 || objectTargets.Overlaps(requested) ? body : null;
        }

        if (!collection.Targeted)
        {
            return item.ClientId == principal.ClientId ? body : null;
        }

        if (objectTargets.Count == 0)
        {
            return requested.Count == 0 ? body : null;
        }

        var allowed = new HashSet<string>(requested, StringComparer.Ordinal);
        allowed.IntersectWith(granted ?? GrantedTargets(principal.ClientId));
        allowed.IntersectWith(objectTargets);
        if (allowed.Count == 0)
        {
            return null;
        }

        // Target hiding: the VEN learns only the targets it asked with.
        body["targets"] = new JsonArray([.. allowed.Order(StringComparer.Ordinal).Select(t => JsonValue.Create(t))]);
        return body;
    }

    public static HashSet<string> Targets(JsonNode? body)
    {
        var targets = new HashSet<string>(StringComparer.Ordinal);
        AddTargets(targets, body);
        return targets;
    }

    private static void AddTargets(HashSet<string> into, JsonNode? body)
    {
        if (body?["targets"] is JsonArray array)
        {
            foreach (var target in array)
            {
                if (target is JsonValue value && value.TryGetValue<string>(out var text))
                {
                    into.Add(text);
                }
            }
        }
    }
}
