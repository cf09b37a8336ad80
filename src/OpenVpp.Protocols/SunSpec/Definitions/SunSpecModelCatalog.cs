using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json;

namespace OpenVpp.Protocols.SunSpec.Definitions;

/// <summary>
/// The SunSpec model definitions this project carries: the official JSON files embedded as resources
/// "sunspec/model_N.json" (see SunSpec/Models/SOURCE.md), parsed once. Decoding is driven by them; no model's points
/// are retyped in code.
/// </summary>
public sealed class SunSpecModelCatalog
{
    private static readonly Lazy<SunSpecModelCatalog> EmbeddedCatalog = new(LoadEmbedded);

    private readonly FrozenDictionary<int, SunSpecModelDefinition> _models;

    public SunSpecModelCatalog(IEnumerable<SunSpecModelDefinition> models)
    {
        _models = models.ToFrozenDictionary(m => m.Id);
    }

    /// <summary>The definitions embedded in OpenVpp.Protocols.</summary>
    public static SunSpecModelCatalog Embedded => EmbeddedCatalog.Value;

    public IEnumerable<SunSpecModelDefinition> Models => _models.Values.OrderBy(m => m.Id);

    public SunSpecModelDefinition? Find(int id) => _models.GetValueOrDefault(id);

    /// <summary>Parses one model definition in the SunSpec JSON format.</summary>
    public static SunSpecModelDefinition Parse(Stream json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var id = root.GetProperty("id").GetInt32();
        return new SunSpecModelDefinition(id, ParseGroup(root.GetProperty("group"), $"model {id}"));
    }

    private static SunSpecModelCatalog LoadEmbedded()
    {
        var assembly = typeof(SunSpecModelCatalog).Assembly;
        var models = new List<SunSpecModelDefinition>();
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith("sunspec/model_", StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            models.Add(Parse(stream));
        }

        return new SunSpecModelCatalog(models);
    }

    private static SunSpecGroupDefinition ParseGroup(JsonElement group, string where)
    {
        var name = group.GetProperty("name").GetString()!;
        var points = new List<SunSpecPointDefinition>();
        var offset = 0;
        if (group.TryGetProperty("points", out var pointArray))
        {
            foreach (var point in pointArray.EnumerateArray())
            {
                var parsed = ParsePoint(point, offset, $"{where} group {name}");
                points.Add(parsed);
                offset += parsed.Size;
            }
        }

        var groups = group.TryGetProperty("groups", out var groupArray)
            ? groupArray.EnumerateArray().Select(g => ParseGroup(g, $"{where} group {name}")).ToList()
            : [];
        int? fixedCount = 1;
        string? countPoint = null;
        if (group.TryGetProperty("count", out var count))
        {
            if (count.ValueKind == JsonValueKind.Number)
            {
                fixedCount = count.GetInt32();
            }
            else if (int.TryParse(count.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n))
            {
                fixedCount = n;
            }
            else
            {
                fixedCount = null;
                countPoint = count.GetString();
            }
        }

        return new SunSpecGroupDefinition(name, OptionalString(group, "label"), OptionalString(group, "desc"), points, groups, fixedCount, countPoint);
    }

    private static SunSpecPointDefinition ParsePoint(JsonElement point, int offset, string where)
    {
        var name = point.GetProperty("name").GetString()!;
        var typeText = point.GetProperty("type").GetString()!;
        var type = ParseType(typeText) ?? throw new InvalidDataException($"{where}: point {name} has unknown type '{typeText}'.");
        var size = point.GetProperty("size").GetInt32();
        string? sfPoint = null;
        int? sfFixed = null;
        if (point.TryGetProperty("sf", out var sf))
        {
            if (sf.ValueKind == JsonValueKind.Number)
            {
                sfFixed = sf.GetInt32();
            }
            else if (int.TryParse(sf.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n))
            {
                sfFixed = n;
            }
            else
            {
                sfPoint = sf.GetString();
            }
        }

        var symbols = point.TryGetProperty("symbols", out var symbolArray)
            ? symbolArray.EnumerateArray().Select(s => new SunSpecSymbol(s.GetProperty("name").GetString()!, s.GetProperty("value").GetInt64(), OptionalString(s, "label"))).ToList()
            : [];
        return new SunSpecPointDefinition(
            name,
            OptionalString(point, "label"),
            OptionalString(point, "desc"),
            type,
            size,
            offset,
            sfPoint,
            sfFixed,
            OptionalString(point, "units")?.Trim(),
            string.Equals(OptionalString(point, "access"), "RW", StringComparison.Ordinal),
            string.Equals(OptionalString(point, "mandatory"), "M", StringComparison.Ordinal),
            symbols);
    }

    private static SunSpecPointType? ParseType(string text) => text switch
    {
        "int16" => SunSpecPointType.Int16,
        "int32" => SunSpecPointType.Int32,
        "int64" => SunSpecPointType.Int64,
        "uint16" => SunSpecPointType.UInt16,
        "uint32" => SunSpecPointType.UInt32,
        "uint64" => SunSpecPointType.UInt64,
        "acc16" => SunSpecPointType.Acc16,
        "acc32" => SunSpecPointType.Acc32,
        "acc64" => SunSpecPointType.Acc64,
        "bitfield16" => SunSpecPointType.Bitfield16,
        "bitfield32" => SunSpecPointType.Bitfield32,
        "bitfield64" => SunSpecPointType.Bitfield64,
        "enum16" => SunSpecPointType.Enum16,
        "enum32" => SunSpecPointType.Enum32,
        "sunssf" => SunSpecPointType.SunSsf,
        "string" => SunSpecPointType.String,
        "ipaddr" => SunSpecPointType.IpAddr,
        "ipv6addr" => SunSpecPointType.Ipv6Addr,
        "eui48" => SunSpecPointType.Eui48,
        "pad" => SunSpecPointType.Pad,
        "count" => SunSpecPointType.Count,
        "float32" => SunSpecPointType.Float32,
        "float64" => SunSpecPointType.Float64,
        _ => null,
    };

    private static string? OptionalString(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
