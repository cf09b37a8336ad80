using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using OpenVpp.Storage.OpenAdr;

namespace OpenVpp.Node.OpenAdr;

/// <summary>
/// The VTN's object logic, transport-free: create, read, replace, delete and search of programs, events, reports,
/// subscriptions, vens and resources, with the spec's validation, ownership and visibility. Every committed change is
/// published on <see cref="OpenAdrFeed"/> (webhooks, and the node's own demand-response service).
/// </summary>
internal sealed class OpenAdrVtn(SqliteOpenAdrStore store, OpenAdrVisibility visibility, OpenAdrFeed feed, TimeProvider time)
{
    public const int MaxLimit = 50;
    private static readonly OpenAdrDocument Document = OpenAdrDocument.Instance;
    private readonly Lock _writes = new();

    public VtnResult Create(OpenAdrPrincipal principal, OpenAdrCollection collection, JsonNode? body)
    {
        if (Invalid(collection, body) is { } invalid)
        {
            return invalid;
        }

        lock (_writes)
        {
            var request = body!.AsObject();
            if (Check(principal, collection, request, existing: null) is { } refused)
            {
                return refused;
            }

            var now = Timestamp();
            var stored = Stored(principal, collection, request, NewId(collection), now, now, ownerClientId: null);
            store.Insert(Record(collection, stored));
            feed.Publish(collection.ObjectType, "CREATE", stored);
            return VtnResult.Ok(stored, 201);
        }
    }

    public VtnResult Replace(OpenAdrPrincipal principal, OpenAdrCollection collection, string id, JsonNode? body)
    {
        if (Invalid(collection, body) is { } invalid)
        {
            return invalid;
        }

        lock (_writes)
        {
            if (Owned(principal, collection, id) is not { } existing)
            {
                return VtnResult.Fail(404, $"No {collection.ObjectType.ToLowerInvariant()} '{id}'.");
            }

            var request = body!.AsObject();
            if (Check(principal, collection, request, existing) is { } refused)
            {
                return refused;
            }

            var previous = JsonNode.Parse(existing.Body)!;
            var stored = Stored(principal, collection, request, id, previous["createdDateTime"]!.GetValue<string>(), Timestamp(), existing.ClientId);
            store.Update(Record(collection, stored));
            feed.Publish(collection.ObjectType, "UPDATE", stored);
            return VtnResult.Ok(stored);
        }
    }

    public VtnResult Delete(OpenAdrPrincipal principal, OpenAdrCollection collection, string id)
    {
        lock (_writes)
        {
            if (Owned(principal, collection, id) is not { } existing)
            {
                return VtnResult.Fail(404, $"No {collection.ObjectType.ToLowerInvariant()} '{id}'.");
            }

            store.Delete(collection.ObjectType, id);
            var body = JsonNode.Parse(existing.Body)!.AsObject();
            feed.Publish(collection.ObjectType, "DELETE", body);
            return VtnResult.Ok(body);
        }
    }

    public VtnResult Get(OpenAdrPrincipal principal, OpenAdrCollection collection, string id, IReadOnlyCollection<string> targets)
    {
        var item = store.Get(collection.ObjectType, id);

        // A VEN is told "not found" for what it may not see, so ids of other VENs' objects leak nothing.
        var view = item is null ? null : visibility.View(principal, collection, item, collection.Targeted && principal.IsVen && targets.Count == 0 ? AllGranted(principal) : targets, null);
        return view is null ? VtnResult.Fail(404, $"No {collection.ObjectType.ToLowerInvariant()} '{id}'.") : VtnResult.Ok(view);
    }

    /// <summary>Searches a collection: equality filters on top-level fields, targets, then skip/limit after visibility.</summary>
    public VtnResult Search(OpenAdrPrincipal principal, OpenAdrCollection collection, IReadOnlyDictionary<string, string> filters, IReadOnlyCollection<string> targets, int skip, int limit)
    {
        if (skip < 0 || limit is < 0 or > MaxLimit)
        {
            return VtnResult.Fail(400, $"skip must be 0 or more and limit 0 to {MaxLimit} (got skip {skip}, limit {limit}).");
        }

        var granted = principal.IsVen && collection.Targeted ? visibility.GrantedTargets(principal.ClientId) : null;
        var programId = filters.GetValueOrDefault("programID");
        var page = new JsonArray();
        var skipped = 0;
        foreach (var item in store.List(collection.ObjectType, programId: programId, clientId: principal.IsVen && !collection.Targeted ? principal.ClientId : null))
        {
            if (visibility.View(principal, collection, item, targets, granted) is not { } view || !Matches(view, filters))
            {
                continue;
            }

            if (skipped++ < skip)
            {
                continue;
            }

            if (page.Count == limit)
            {
                break;
            }

            page.Add(view);
        }

        return VtnResult.Ok(page);
    }

    private HashSet<string> AllGranted(OpenAdrPrincipal principal) => visibility.GrantedTargets(principal.ClientId);

    private static bool Matches(JsonObject view, IReadOnlyDictionary<string, string> filters) =>
        filters.All(f => f.Key == "programID" || (view[f.Key] is JsonValue value && value.TryGetValue<string>(out var text) && text == f.Value));

    private static VtnResult? Invalid(OpenAdrCollection collection, JsonNode? body)
    {
        if (body is not JsonObject)
        {
            return VtnResult.Fail(400, $"The body must be a JSON object ({collection.RequestSchema}).");
        }

        var problems = Document.Validate(collection.RequestSchema, body);
        return problems.Count == 0 ? null : VtnResult.Fail(400, $"The body is not a valid {collection.RequestSchema}: {string.Join("; ", problems)}");
    }

    /// <summary>The rules the schema cannot say: references exist, names are unique, the right side writes.</summary>
    private VtnResult? Check(OpenAdrPrincipal principal, OpenAdrCollection collection, JsonObject request, OpenAdrObject? existing)
    {
        if (collection.UniqueName is { } nameField && request[nameField]?.GetValue<string>() is { } name
            && store.List(collection.ObjectType, name: name).Any(o => o.Id != existing?.Id))
        {
            // The document lists no 409 for POST /vens (it does for PUT), so a duplicate new ven is a 400 there.
            return VtnResult.Fail(collection == OpenAdrCollection.Vens && existing is null ? 400 : 409, $"A {collection.ObjectType.ToLowerInvariant()} named '{name}' already exists.");
        }

        if (collection == OpenAdrCollection.Events && store.Get("PROGRAM", request["programID"]!.GetValue<string>()) is null)
        {
            return VtnResult.Fail(400, $"programID '{request["programID"]}' is not a program of this VTN.");
        }

        if (collection == OpenAdrCollection.Reports && store.Get("EVENT", request["eventID"]!.GetValue<string>()) is null)
        {
            return VtnResult.Fail(400, $"eventID '{request["eventID"]}' is not an event of this VTN.");
        }

        if (collection == OpenAdrCollection.Subscriptions && request["programID"]?.GetValue<string>() is { } subscribedProgram && store.Get("PROGRAM", subscribedProgram) is null)
        {
            return VtnResult.Fail(400, $"programID '{subscribedProgram}' is not a program of this VTN.");
        }

        if (collection == OpenAdrCollection.Vens || collection == OpenAdrCollection.Resources)
        {
            // Only BL may write targets (they grant visibility), so a VEN's request is the VEN_ form without them.
            var expected = (principal.IsVen ? "VEN_" : "BL_") + (collection == OpenAdrCollection.Vens ? "VEN_REQUEST" : "RESOURCE_REQUEST");
            if (request["objectType"]?.GetValue<string>() != expected)
            {
                return VtnResult.Fail(400, $"A {(principal.IsVen ? "VEN" : "business logic")} client sends objectType {expected} here.");
            }
        }

        if (collection == OpenAdrCollection.Resources)
        {
            var venId = request["venID"]!.GetValue<string>();
            var ven = store.Get("VEN", venId);
            if (ven is null || (principal.IsVen && ven.ClientId != principal.ClientId))
            {
                return VtnResult.Fail(400, $"venID '{venId}' is not a ven of this {(principal.IsVen ? "client" : "VTN")}.");
            }

            var resourceName = request["resourceName"]!.GetValue<string>();
            if (store.List("RESOURCE", name: resourceName, venId: venId).Any(o => o.Id != existing?.Id))
            {
                return VtnResult.Fail(409, $"Ven '{venId}' already has a resource named '{resourceName}'.");
            }
        }

        return null;
    }

    private OpenAdrObject? Owned(OpenAdrPrincipal principal, OpenAdrCollection collection, string id)
    {
        var item = store.Get(collection.ObjectType, id);
        return item is null || (principal.IsVen && (collection.Targeted || item.ClientId != principal.ClientId)) ? null : item;
    }

    private static JsonObject Stored(OpenAdrPrincipal principal, OpenAdrCollection collection, JsonObject request, string id, string created, string modified, string? ownerClientId)
    {
        var stored = new JsonObject
        {
            ["id"] = id,
            ["createdDateTime"] = created,
            ["modificationDateTime"] = modified,
            ["objectType"] = collection.ObjectType,
        };
        foreach (var (key, value) in request)
        {
            if (key is not ("id" or "createdDateTime" or "modificationDateTime" or "objectType" or "clientID"))
            {
                stored[key] = value?.DeepClone();
            }
        }

        if (collection.VenOwned)
        {
            // The owner is whoever authenticated, except that BL writes vens and resources on a VEN's behalf.
            stored["clientID"] = ownerClientId
                ?? (!principal.IsVen && request["clientID"]?.GetValue<string>() is { } given ? given : principal.ClientId);
        }

        return stored;
    }

    private static OpenAdrObject Record(OpenAdrCollection collection, JsonObject stored) => new(
        stored["id"]!.GetValue<string>(),
        collection.ObjectType,
        stored["programID"]?.GetValue<string>(),
        collection == OpenAdrCollection.Resources ? stored["resourceName"]?.GetValue<string>() : collection.UniqueName is { } field ? stored[field]?.GetValue<string>() : null,
        stored["clientID"]?.GetValue<string>(),
        stored["venID"]?.GetValue<string>(),
        stored.ToJsonString(OpenAdrJson.Context.Options));

    private static string NewId(OpenAdrCollection collection) =>
        $"{collection.ObjectType.ToLowerInvariant()}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}";

    private string Timestamp() => time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
