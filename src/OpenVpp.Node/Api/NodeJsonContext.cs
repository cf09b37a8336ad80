using System.Text.Json.Serialization;

namespace OpenVpp.Node.Api;

/// <summary>Source-generated JSON for the node's query API, snake_case like the wire contract.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(DeviceView))]
[JsonSerializable(typeof(DevicePage))]
[JsonSerializable(typeof(ReadingList))]
[JsonSerializable(typeof(RegionTotals))]
[JsonSerializable(typeof(EpochView))]
[JsonSerializable(typeof(EpochPage))]
[JsonSerializable(typeof(EpochExport))]
[JsonSerializable(typeof(ReadingProof))]
[JsonSerializable(typeof(NodeStats))]
[JsonSerializable(typeof(HealthStatus))]
public sealed partial class NodeJsonContext : JsonSerializerContext;
