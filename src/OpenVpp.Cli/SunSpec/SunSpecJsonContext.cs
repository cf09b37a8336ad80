using System.Text.Json.Serialization;

namespace OpenVpp.Cli.SunSpec;

/// <summary>Source-generated JSON for `openvpp sunspec` (kept apart from CliJsonContext so protocol tools evolve on their own).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(SunSpecScanReport))]
internal sealed partial class SunSpecJsonContext : JsonSerializerContext;
