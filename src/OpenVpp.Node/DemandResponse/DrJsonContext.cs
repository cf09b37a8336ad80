using System.Text.Json.Serialization;

namespace OpenVpp.Node.DemandResponse;

/// <summary>Source-generated JSON for the demand-response state files and API, snake_case like the node's API.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true,
    WriteIndented = true)]
[JsonSerializable(typeof(DrEventState))]
[JsonSerializable(typeof(List<DrEventState>))]
[JsonSerializable(typeof(DrEventPage))]
internal sealed partial class DrJsonContext : JsonSerializerContext;
