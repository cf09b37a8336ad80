using System.Text.Json.Serialization;

namespace OpenVpp.Cli.Bench;

/// <summary>JSON of `openvpp bench ocpp`: the report (indented) and the load generator's one-line report.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true)]
[JsonSerializable(typeof(OcppBenchReport))]
internal sealed partial class OcppBenchJsonContext : JsonSerializerContext;

/// <summary>One-line JSON between the OCPP bench and its load generator.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(OcppLoadReport))]
internal sealed partial class OcppLoadJsonContext : JsonSerializerContext;
