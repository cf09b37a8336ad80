using System.Text;
using System.Text.Json;

namespace OpenVpp.Chain.Abi;

/// <summary>
/// Reads the parts of JSON ABI entries. Parameter types are rebuilt as canonical type strings, tuples from their
/// "components" ("tuple[2][]" with components (a, b) becomes "(a,b)[2][]"), and parsed by the one type parser.
/// </summary>
internal static class AbiJson
{
    private const string Tuple = "tuple";

    public static string String(JsonElement element, string what) =>
        element.ValueKind == JsonValueKind.String
            ? element.GetString()!
            : throw new AbiException($"JSON ABI field \"{what}\" must be a string, not {element.ValueKind}.");

    public static string Name(JsonElement entry) =>
        entry.TryGetProperty("name", out var name)
            ? String(name, "name")
            : throw new AbiException("A JSON ABI function, event or error has no \"name\".");

    public static bool Flag(JsonElement entry, string field) =>
        entry.TryGetProperty(field, out var flag) && flag.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw new AbiException($"JSON ABI field \"{field}\" must be a boolean, not {flag.ValueKind}."),
        };

    /// <summary>The types of a parameter list ("inputs" or "outputs"); a missing list is an empty one.</summary>
    public static IReadOnlyList<AbiType> Types(JsonElement entry, string field) =>
        [.. Parameters(entry, field).Select(p => AbiType.Parse(TypeString(p)))];

    public static IReadOnlyList<AbiEventParameter> EventParameters(JsonElement entry) =>
        [.. Parameters(entry, "inputs").Select(p => new AbiEventParameter(AbiType.Parse(TypeString(p)), Flag(p, "indexed")))];

    private static List<JsonElement> Parameters(JsonElement entry, string field)
    {
        if (!entry.TryGetProperty(field, out var list))
        {
            return [];
        }

        if (list.ValueKind != JsonValueKind.Array)
        {
            throw new AbiException($"JSON ABI field \"{field}\" must be an array, not {list.ValueKind}.");
        }

        var parameters = list.EnumerateArray().ToList();
        return parameters.All(p => p.ValueKind == JsonValueKind.Object)
            ? parameters
            : throw new AbiException($"Every entry of JSON ABI \"{field}\" must be an object.");
    }

    private static string TypeString(JsonElement parameter)
    {
        var type = parameter.TryGetProperty("type", out var value)
            ? String(value, "type")
            : throw new AbiException("A JSON ABI parameter has no \"type\".");
        if (!type.StartsWith(Tuple, StringComparison.Ordinal))
        {
            return type;
        }

        // The array suffix after "tuple" is checked by the type parser, like any other suffix.
        var components = Parameters(parameter, "components");
        if (components.Count == 0)
        {
            throw new AbiException($"JSON ABI type \"{type}\" needs non-empty \"components\".");
        }

        var canonical = new StringBuilder("(");
        for (var i = 0; i < components.Count; i++)
        {
            canonical.Append(i == 0 ? string.Empty : ",").Append(TypeString(components[i]));
        }

        return canonical.Append(')').Append(type.AsSpan(Tuple.Length)).ToString();
    }
}
