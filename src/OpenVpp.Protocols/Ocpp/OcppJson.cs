using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace OpenVpp.Protocols.Ocpp;

/// <summary>Source-generated JSON metadata for the nodes the OCPP code builds (trimming- and AOT-safe).</summary>
[JsonSerializable(typeof(JsonNode))]
[JsonSerializable(typeof(JsonObject))]
internal sealed partial class OcppJson : JsonSerializerContext
{
    public static OcppJson Context => Default;
}
