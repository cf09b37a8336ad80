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
}
