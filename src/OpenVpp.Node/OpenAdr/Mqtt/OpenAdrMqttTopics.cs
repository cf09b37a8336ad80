using System.Text.Json.Nodes;

namespace OpenVpp.Node.OpenAdr.Mqtt;

/// <summary>
/// The MQTT notifier's topic names, in the shape of the 3.1 Definition's example (<c>programs/create</c>,
/// <c>programs/+</c>): one level per path segment of the REST endpoint that lists them, then the operation in lower
/// case. Topics naming one object (<c>programs/{id}</c>, <c>vens/{id}</c>) have no CREATE, as the spec says.
/// Global topics carry objects whole and are for business logic; a VEN reads under <c>vens/{its venID}/</c>, where
/// each object is shown as the VEN may see it.
/// </summary>
public static class OpenAdrMqttTopics
{
    public static readonly IReadOnlyList<string> Operations = ["CREATE", "UPDATE", "DELETE"];

    /// <summary>The spec's notifierOperationsTopics object for topics under <paramref name="root"/>.</summary>
    public static JsonObject Describe(string root, bool withCreate)
    {
        var topics = new JsonObject();
        foreach (var operation in Operations.Where(o => withCreate || o != "CREATE"))
        {
            topics[operation] = Topic(root, operation);
        }

        topics["ALL"] = root + "/+";
        return new JsonObject { ["topics"] = topics };
    }

    public static string Topic(string root, string operation) => $"{root}/{operation.ToLowerInvariant()}";

    /// <summary>
    /// The business-logic topic roots a change of <paramref name="objectType"/> is published under: the collection's,
    /// and for programs and events also the program's own.
    /// </summary>
    public static IEnumerable<(string Root, bool WithCreate)> GlobalRoots(string objectType, JsonObject body)
    {
        var id = body["id"]?.GetValue<string>();
        switch (objectType)
        {
            case "PROGRAM":
                yield return ("programs", true);
                if (id is not null)
                {
                    yield return ($"programs/{id}", false);
                }

                break;
            case "EVENT":
                yield return ("events", true);
                if (body["programID"]?.GetValue<string>() is { } programId)
                {
                    yield return ($"programs/{programId}/events", true);
                }

                break;
            case "REPORT":
                yield return ("reports", true);
                break;
            case "SUBSCRIPTION":
                yield return ("subscriptions", true);
                break;
            case "VEN":
                yield return ("vens", true);
                break;
            case "RESOURCE":
                yield return ("resources", true);
                break;
        }
    }

    /// <summary>The topic root under ven <paramref name="venId"/> for <paramref name="objectType"/>, or null when the ven has none for it.</summary>
    public static (string Root, bool WithCreate)? VenRoot(string venId, string objectType) => objectType switch
    {
        "PROGRAM" => ($"vens/{venId}/programs", true),
        "EVENT" => ($"vens/{venId}/events", true),
        "RESOURCE" => ($"vens/{venId}/resources", true),
        "VEN" => ($"vens/{venId}", false),
        _ => null,
    };

    /// <summary>The topic a change is published on under <paramref name="root"/>, or null when that root has no such operation.</summary>
    public static string? TopicFor((string Root, bool WithCreate) root, string operation) =>
        operation == "CREATE" && !root.WithCreate ? null : Topic(root.Root, operation);

    /// <summary>
    /// Whether a VEN owning <paramref name="ownVenIds"/> may subscribe to <paramref name="topicFilter"/>: only filters
    /// whose first two levels are literally <c>vens/{one of its ids}</c>, so no wildcard can reach another ven's topics
    /// or the global ones.
    /// </summary>
    public static bool VenMaySubscribe(string topicFilter, IReadOnlyCollection<string> ownVenIds)
    {
        var levels = topicFilter.Split('/');
        return levels.Length >= 3 && levels[0] == "vens" && ownVenIds.Contains(levels[1]);
    }
}
