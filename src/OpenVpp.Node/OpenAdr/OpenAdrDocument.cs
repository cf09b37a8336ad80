using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace OpenVpp.Node.OpenAdr;

/// <summary>
/// The embedded OpenADR 3.1.0 OpenAPI document, read once: each operation's scopes, and its schemas converted to
/// JSON Schema (<see cref="OpenApiSchemaConverter"/>) to validate request bodies here and responses in the tests.
/// The VTN takes both from the document rather than restating them, so it cannot drift from the specification.
/// </summary>
public sealed class OpenAdrDocument
{
    private const string Resource = "OpenVpp.Node.OpenAdr.openadr3.yaml";
    private static readonly Lazy<OpenAdrDocument> Shared = new(Load);
    private static readonly EvaluationOptions Evaluation = new() { OutputFormat = OutputFormat.Hierarchical };

    private readonly JsonObject _root;
    private readonly JsonObject _definitions;
    private readonly ConcurrentDictionary<string, JsonSchema> _compiled = new(StringComparer.Ordinal);

    private OpenAdrDocument(JsonObject root)
    {
        _root = root;
        var schemas = root["components"]?["schemas"]?.AsObject() ?? throw new InvalidDataException("The OpenADR document has no components/schemas.");
        _definitions = OpenApiSchemaConverter.ConvertDefinitions(schemas);
    }

    public static OpenAdrDocument Instance => Shared.Value;

    /// <summary>The scopes the document lets call <paramref name="method"/> <paramref name="pathTemplate"/> (any one suffices).</summary>
    public IReadOnlyList<string> Scopes(string pathTemplate, string method)
    {
        var security = Operation(pathTemplate, method)?["security"]?.AsArray() ?? [];
        return [.. security
            .Select(s => s?["oAuth2ClientCredentials"]?.AsArray())
            .Where(a => a is not null)
            .SelectMany(a => a!)
            .Select(n => n!.GetValue<string>())];
    }

    /// <summary>Validates <paramref name="body"/> against component schema <paramref name="component"/>; the problems found, none when valid.</summary>
    public IReadOnlyList<string> Validate(string component, JsonNode? body) => Validate(SchemaFor(component), body);

    /// <summary>The schema of the response to <paramref name="method"/> <paramref name="pathTemplate"/> with <paramref name="status"/>, or null when the document gives none.</summary>
    public JsonSchema? ResponseSchema(string pathTemplate, string method, int status)
    {
        var response = Operation(pathTemplate, method)?["responses"]?[status.ToString(System.Globalization.CultureInfo.InvariantCulture)];
        if (response?["$ref"]?.GetValue<string>() is { } reference)
        {
            response = _root["components"]!["responses"]![reference[(reference.LastIndexOf('/') + 1)..]];
        }

        var content = response?["content"]?.AsObject();
        var schema = content?.FirstOrDefault().Value?["schema"];
        return schema is null ? null : Compile($"response:{pathTemplate}:{method}:{status}", OpenApiSchemaConverter.Convert(schema));
    }

    public static IReadOnlyList<string> Validate(JsonSchema schema, JsonNode? body)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var element = JsonSerializer.SerializeToElement(body, OpenAdrJson.Context.JsonNode);
        var results = schema.Evaluate(element, Evaluation);
        if (results.IsValid)
        {
            return [];
        }

        var problems = new List<string>();
        Collect(results, problems);
        return problems.Count > 0 ? [.. problems.Distinct().Take(10)] : ["the body does not match the schema"];
    }

    // Only failing nodes are descended into: a passing anyOf keeps its failed alternatives to itself.
    private static void Collect(EvaluationResults node, List<string> problems)
    {
        if (node.IsValid)
        {
            return;
        }

        foreach (var (_, message) in node.Errors ?? new Dictionary<string, string>())
        {
            problems.Add($"{(node.InstanceLocation.ToString() is { Length: > 0 } at ? at : "/")}: {message}");
        }

        foreach (var child in node.Details ?? [])
        {
            Collect(child, problems);
        }
    }

    public JsonSchema SchemaFor(string component) =>
        _definitions.ContainsKey(component)
            ? Compile(component, new JsonObject { ["$ref"] = $"#/$defs/{component}" })
            : throw new ArgumentException($"The OpenADR document has no schema '{component}'.", nameof(component));

    private JsonSchema Compile(string key, JsonNode schema) => _compiled.GetOrAdd(key, _ =>
    {
        var document = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$id"] = $"urn:openadr3:{Uri.EscapeDataString(key)}",
            ["$defs"] = _definitions.DeepClone(),
        };
        foreach (var (name, value) in schema.AsObject())
        {
            document[name] = value?.DeepClone();
        }

        var element = JsonSerializer.SerializeToElement(document, OpenAdrJson.Context.JsonNode);
        return JsonSchema.Build(element, new BuildOptions { SchemaRegistry = new SchemaRegistry() });
    });

    private JsonNode? Operation(string pathTemplate, string method) => _root["paths"]?[pathTemplate]?[method.ToLowerInvariant()];

    private static OpenAdrDocument Load()
    {
        using var stream = typeof(OpenAdrDocument).Assembly.GetManifestResourceStream(Resource)
            ?? throw new InvalidOperationException($"The embedded OpenADR document {Resource} is missing from the build.");
        using var reader = new StreamReader(stream);
        return new OpenAdrDocument(YamlJson.Parse(reader)?.AsObject() ?? throw new InvalidDataException("The OpenADR document is empty."));
    }
}
