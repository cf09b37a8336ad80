using System.Text.Json.Serialization;

namespace OpenVpp.Cli.P1;

/// <summary>One-line JSON for `openvpp p1 decode --json`: one object per telegram, nulls left out.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(P1TelegramReport))]
[JsonSerializable(typeof(P1RefusalReport))]
internal sealed partial class P1JsonContext : JsonSerializerContext;
