using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace OpenVpp.Protocols.Ocpp;

/// <summary>
/// Validates OCPP payloads against the official JSON schemas (draft-07), embedded at build time from npm ocpp-rpc
/// (resources ocpp/ocpp1_6.json and ocpp/ocpp2_0_1.json, arrays of schemas with $id "urn:Action.req" and
/// "urn:Action.conf"). Each action's schema is compiled once, on first use; instances are thread-safe and meant to be
/// shared (<see cref="For"/>).
/// The failing keyword picks the CALLERROR code the way ocpp-rpc's strict mode does (its lib/validator.js), so a strict
/// ocpp-rpc peer and this CSMS agree on what a bad payload is called.
/// </summary>
public sealed class OcppSchemaValidator
{
    private static readonly Lazy<OcppSchemaValidator> V16 = new(() => new OcppSchemaValidator(OcppVersion.Ocpp16, "ocpp/ocpp1_6.json"));
    private static readonly Lazy<OcppSchemaValidator> V201 = new(() => new OcppSchemaValidator(OcppVersion.Ocpp201, "ocpp/ocpp2_0_1.json"));

    // ocpp-rpc's errorCodeLUT; anything else (enum, format, const, ...) is a FormatViolation there too.
    private static readonly Dictionary<string, string> CodeByKeyword = new(StringComparer.Ordinal)
    {
        ["maximum"] = OcppErrorCodes.FormatViolation,
        ["minimum"] = OcppErrorCodes.FormatViolation,
        ["maxLength"] = OcppErrorCodes.FormatViolation,
        ["minLength"] = OcppErrorCodes.FormatViolation,
        ["exclusiveMaximum"] = OcppErrorCodes.OccurrenceConstraintViolation,
        ["exclusiveMinimum"] = OcppErrorCodes.OccurrenceConstraintViolation,
        ["multipleOf"] = OcppErrorCodes.OccurrenceConstraintViolation,
        ["maxItems"] = OcppErrorCodes.OccurrenceConstraintViolation,
        ["minItems"] = OcppErrorCodes.OccurrenceConstraintViolation,
        ["maxProperties"] = OcppErrorCodes.OccurrenceConstraintViolation,
        ["minProperties"] = OcppErrorCodes.OccurrenceConstraintViolation,
        ["additionalItems"] = OcppErrorCodes.OccurrenceConstraintViolation,
        ["required"] = OcppErrorCodes.OccurrenceConstraintViolation,
        ["pattern"] = OcppErrorCodes.PropertyConstraintViolation,
        ["propertyNames"] = OcppErrorCodes.PropertyConstraintViolation,
        ["additionalProperties"] = OcppErrorCodes.PropertyConstraintViolation,
        ["type"] = OcppErrorCodes.TypeConstraintViolation,
    };

    // Ajv (ocpp-rpc) stops at the first failure: at one level it checks type, then required, then the properties.
    // Among failures at one place in the payload the earlier keyword here wins, so both sides name the same one.
    private static readonly string[] KeywordOrder = ["type", "required", "additionalProperties", "enum", "maxLength", "minLength", "maximum", "minimum", "minItems", "maxItems", "pattern", "format"];

    private static readonly EvaluationOptions Evaluation = new() { OutputFormat = OutputFormat.List, RequireFormatValidation = true };

    private readonly Dictionary<string, JsonElement> _definitions;
    private readonly ConcurrentDictionary<string, Lazy<JsonSchema>> _compiled = new(StringComparer.Ordinal);
    private readonly BuildOptions _buildOptions;

    private OcppSchemaValidator(OcppVersion version, string resource)
    {
        Version = version;
        using var stream = typeof(OcppSchemaValidator).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The embedded OCPP schemas {resource} are missing from the build.");
        using var document = JsonDocument.Parse(stream);
        _definitions = document.RootElement.EnumerateArray()
            .ToDictionary(s => s.GetProperty("$id").GetString()!, s => s.Clone(), StringComparer.Ordinal);
        _buildOptions = new BuildOptions { SchemaRegistry = new SchemaRegistry(), Dialect = Dialect.Draft07 };
    }

    public OcppVersion Version { get; }

    /// <summary>The shared validator of <paramref name="version"/>.</summary>
    public static OcppSchemaValidator For(OcppVersion version) => version == OcppVersion.Ocpp16 ? V16.Value : V201.Value;

    /// <summary>Whether the version defines <paramref name="action"/> at all (unknown actions get NotImplemented).</summary>
    public bool Knows(string action) => _definitions.ContainsKey(RequestId(action));

    /// <summary>The actions this version's schemas define, for tests and tools.</summary>
    public IEnumerable<string> Actions => _definitions.Keys.Where(k => k.EndsWith(".req", StringComparison.Ordinal)).Select(k => k[4..^4]);

    /// <summary>Validates a CALL payload of <paramref name="action"/>; null when valid.</summary>
    public OcppValidationError? ValidateRequest(string action, JsonElement payload) => Validate(RequestId(action), payload);

    /// <summary>Validates a CALLRESULT payload answering <paramref name="action"/>; null when valid.</summary>
    public OcppValidationError? ValidateResponse(string action, JsonElement payload) => Validate($"urn:{action}.conf", payload);

    /// <summary>Validates a payload we built ourselves; a failure is a bug in this CSMS, so it throws.</summary>
    public void RequireValid(string action, bool request, JsonNode payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        var element = JsonSerializer.SerializeToElement(payload, OcppJson.Context.JsonNode);
        var error = request ? ValidateRequest(action, element) : ValidateResponse(action, element);
        if (error is not null)
        {
            throw new InvalidOperationException($"The CSMS built an invalid {Version.Name()} {action}{(request ? "" : " answer")}: {error.Describe()}");
        }
    }

    private static string RequestId(string action) => $"urn:{action}.req";

    private OcppValidationError? Validate(string schemaId, JsonElement payload)
    {
        if (!_definitions.TryGetValue(schemaId, out var definition))
        {
            return new OcppValidationError(OcppErrorCodes.ProtocolError, "", "$id", $"No {Version.Name()} schema {schemaId}");
        }

        var schema = _compiled.GetOrAdd(schemaId, _ => new Lazy<JsonSchema>(() => JsonSchema.Build(definition, _buildOptions))).Value;
        var results = schema.Evaluate(payload, Evaluation);
        return results.IsValid ? null : FirstError(results);
    }

    private static OcppValidationError FirstError(EvaluationResults results)
    {
        var failures = (results.Details ?? [])
            .Prepend(results)
            .Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => Failure(d, e.Key, e.Value)))
            .ToList();
        if (failures.Count == 0)
        {
            return new OcppValidationError(OcppErrorCodes.FormatViolation, "", "schema", "The payload does not match its schema");
        }

        var first = failures
            .OrderBy(f => f.Depth)
            .ThenBy(f => Rank(f.Keyword))
            .First();
        var code = CodeByKeyword.GetValueOrDefault(first.Keyword, OcppErrorCodes.FormatViolation);
        return new OcppValidationError(code, first.Location, first.Keyword, first.Message);
    }

    // A property that additionalProperties forbids fails as a "false" schema one level down, with no keyword of its
    // own: name it after the keyword that led there and count it at the object's level, where ajv reports it.
    private static (string Location, int Depth, string Keyword, string Message) Failure(EvaluationResults node, string keyword, string message)
    {
        var location = node.InstanceLocation.ToString();
        var depth = location.Count(c => c == '/');
        if (keyword.Length == 0)
        {
            var path = node.EvaluationPath.ToString();
            keyword = path[(path.LastIndexOf('/') + 1)..];
            if (keyword == "additionalProperties")
            {
                depth--;
            }
        }

        return (location, depth, keyword, message);
    }

    private static int Rank(string keyword)
    {
        var index = Array.IndexOf(KeywordOrder, keyword);
        return index < 0 ? KeywordOrder.Length : index;
    }
}
