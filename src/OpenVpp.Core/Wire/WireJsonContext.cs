using System.Text.Json.Serialization;

namespace OpenVpp.Core.Wire;

/// <summary>Source-generated JSON for the gateway–node wire, snake_case like the rest of the public API.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(IngestRequest))]
[JsonSerializable(typeof(IngestResponse))]
[JsonSerializable(typeof(RegisterDevicesRequest))]
[JsonSerializable(typeof(RegisterDevicesResponse))]
[JsonSerializable(typeof(EpochRewardsDocument))]
[JsonSerializable(typeof(RewardClaimView))]
public sealed partial class WireJsonContext : JsonSerializerContext;
