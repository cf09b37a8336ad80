using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace OpenVpp.Node.OpenAdr;

/// <summary>
/// JSON of the VTN. OpenADR bodies keep the specification's own camelCase names exactly as written; they are
/// JsonNode trees, never passed through the node's snake_case options.
/// </summary>
[JsonSerializable(typeof(JsonNode))]
[JsonSerializable(typeof(JsonObject))]
[JsonSerializable(typeof(JsonArray))]
internal sealed partial class OpenAdrJson : JsonSerializerContext
{
    public static OpenAdrJson Context { get; } = new(new JsonSerializerOptions
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    /// <summary>An instant as the spec's dateTime, in UTC to the second (interval starts lie on whole seconds).</summary>
    public static string DateTime(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
