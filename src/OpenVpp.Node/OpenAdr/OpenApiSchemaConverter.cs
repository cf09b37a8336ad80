using System.Text.Json.Nodes;

namespace OpenVpp.Node.OpenAdr;

/// <summary>
/// OpenAPI 3.0 schema objects to JSON Schema 2020-12: <c>nullable: true</c> becomes a null alternative, component
/// references point into <c>$defs</c>, and OpenAPI-only keywords (example, discriminator, xml) go. Everything else
/// (types, enums, patterns, lengths, required, allOf/oneOf/anyOf) carries over unchanged.
/// </summary>
internal static class OpenApiSchemaConverter
{
    private static readonly HashSet<string> Dropped = ["example", "discriminator", "xml", "externalDocs", "nullable", "deprecated"];

    public static JsonObject ConvertDefinitions(JsonObject schemas)
    {
        var definitions = new JsonObject();
        foreach (var (name, schema) in schemas)
        {
            definitions[name] = schema is null ? new JsonObject() : Convert(schema);
        }

        return definitions;
    }

    public static JsonNode Convert(JsonNode schema)
    {
        if (schema is JsonArray array)
        {
            return new JsonArray([.. array.Select(item => item is null ? null : Convert(item))]);
        }

        if (schema is not JsonObject source)
        {
            return schema.DeepClone();
        }

        var target = new JsonObject();
        foreach (var (key, value) in source)
        {
            if (Dropped.Contains(key))
            {
                continue;
            }

            target[key] = key switch
            {
                "$ref" => value!.GetValue<string>().Replace("#/components/schemas/", "#/$defs/", StringComparison.Ordinal),
                // Keys under properties are names, not keywords: convert their schemas, keep the names.
                "properties" or "patternProperties" => new JsonObject(value!.AsObject().Select(p => KeyValuePair.Create(p.Key, p.Value is null ? null : (JsonNode?)Convert(p.Value)))),
                _ => value is null ? null : Convert(value),
            };
        }

        // OpenAPI 3.0 (like draft 4) makes exclusiveMaximum a flag on maximum; 2020-12 makes it the bound itself.
        Exclusive(target, "exclusiveMaximum", "maximum");
        Exclusive(target, "exclusiveMinimum", "minimum");

        if (source["nullable"]?.GetValue<bool>() != true)
        {
            return target;
        }

        // A nullable enum must list null too, or the enum alone would still refuse it.
        if (target["enum"] is JsonArray values && !values.Any(v => v is null))
        {
            values.Add(null);
        }

        if (target["type"] is JsonValue type)
        {
            target["type"] = new JsonArray(type.GetValue<string>(), "null");
            return target;
        }

        return new JsonObject { ["anyOf"] = new JsonArray(target, new JsonObject { ["type"] = "null" }) };
    }

    private static void Exclusive(JsonObject schema, string flag, string bound)
    {
        if (schema[flag] is JsonValue value && value.TryGetValue<bool>(out var exclusive))
        {
            schema.Remove(flag);
            if (exclusive && schema[bound] is { } limit)
            {
                schema.Remove(bound);
                schema[flag] = limit;
            }
        }
    }
}
