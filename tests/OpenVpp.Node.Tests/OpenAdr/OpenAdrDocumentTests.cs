using System.Text.Json.Nodes;
using OpenVpp.Node.OpenAdr;

namespace OpenVpp.Node.Tests.OpenAdr;

/// <summary>The embedded OpenADR 3.1.0 document, converted to JSON Schema, accepts what the spec allows and refuses the rest.</summary>
public class OpenAdrDocumentTests
{
    private static readonly OpenAdrDocument Document = OpenAdrDocument.Instance;

    [Fact]
    public void Scopes_come_from_the_document()
    {
        Assert.Equal(["write_programs"], Document.Scopes("/programs", "POST"));
        Assert.Equal(["read_targets"], Document.Scopes("/events", "GET"));
        Assert.Equal(["write_reports"], Document.Scopes("/reports", "POST"));
    }

    [Fact]
    public void A_program_request_with_the_specs_fields_is_valid()
    {
        var program = JsonNode.Parse("""
            {"programName": "peak-relief", "intervalPeriod": {"start": "2026-12-06T17:00:00Z", "duration": "PT3H"},
             "payloadDescriptors": [{"objectType": "EVENT_PAYLOAD_DESCRIPTOR", "payloadType": "IMPORT_CAPACITY_LIMIT", "units": "KW"}],
             "targets": ["NL-NH"]}
            """);

        Assert.Empty(Document.Validate("programRequest", program));
    }

    [Fact]
    public void A_wrong_body_fails_and_says_where()
    {
        var noName = JsonNode.Parse("""{"programLongName": "x"}""");
        var badDuration = JsonNode.Parse("""{"programName": "p", "intervalPeriod": {"start": "2026-12-06T17:00:00Z", "duration": "3 hours"}}""");

        Assert.Contains(Document.Validate("programRequest", noName), p => p.Contains("programName", StringComparison.Ordinal));
        Assert.Contains(Document.Validate("programRequest", badDuration), p => p.Contains("/intervalPeriod/duration", StringComparison.Ordinal));
    }

    [Fact]
    public void Nullable_fields_accept_null_and_response_schemas_resolve_through_component_responses()
    {
        Assert.Empty(Document.Validate("programRequest", JsonNode.Parse("""{"programName": "p", "programLongName": null}""")));

        var problem = Document.ResponseSchema("/programs", "post", 400);
        Assert.NotNull(problem);
        Assert.Empty(OpenAdrDocument.Validate(problem, JsonNode.Parse("""{"title": "Bad Request", "status": 400, "detail": "x"}""")));
        Assert.NotEmpty(OpenAdrDocument.Validate(problem, JsonNode.Parse("""{"status": "four hundred"}""")));
    }
}
