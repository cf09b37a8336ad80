using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using OpenVpp.Node.OpenAdr;

namespace OpenVpp.Node.Tests.OpenAdr;

/// <summary>
/// An HTTP client of the VTN for tests that checks every answer against the OpenAPI document: the status must be one
/// the document lists for the operation, and the body must match that response's schema.
/// </summary>
internal sealed class VtnClient(HttpClient http)
{
    public const string Base = OpenAdrEndpoints.BasePath;

    public async Task<string> TokenAsync(string clientId, string secret, string? scope = null)
    {
        var (status, body) = await TokenRawAsync(clientId, secret, scope);
        Assert.True(status == HttpStatusCode.OK, $"token for {clientId}: {(int)status} {body}");
        Assert.Equal("Bearer", body!["token_type"]!.GetValue<string>());
        return body["access_token"]!.GetValue<string>();
    }

    public async Task<(HttpStatusCode Status, JsonNode? Body)> TokenRawAsync(string clientId, string secret, string? scope = null)
    {
        var form = new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["client_id"] = clientId, ["client_secret"] = secret };
        if (scope is not null)
        {
            form["scope"] = scope;
        }

        using var response = await http.PostAsync(new Uri($"{Base}/auth/token", UriKind.Relative), new FormUrlEncodedContent(form));
        return (response.StatusCode, await Checked(response, "/auth/token", "post"));
    }

    public async Task<(HttpStatusCode Status, JsonNode? Body)> SendAsync(HttpMethod method, string path, string template, string? token, JsonNode? body = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(Base + path, UriKind.Relative));
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }

        using var response = await http.SendAsync(request);
        return (response.StatusCode, await Checked(response, template, method.Method));
    }

    public async Task<JsonNode> OkAsync(HttpMethod method, string path, string template, string token, JsonNode? body = null, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var (status, answer) = await SendAsync(method, path, template, token, body);
        Assert.True(status == expected, $"{method} {path}: expected {(int)expected}, got {(int)status} {answer?.ToJsonString()}");
        return answer!;
    }

    private static async Task<JsonNode?> Checked(HttpResponseMessage response, string template, string method)
    {
        var text = await response.Content.ReadAsStringAsync();
        var status = (int)response.StatusCode;
        var schema = OpenAdrDocument.Instance.ResponseSchema(template, method, status);
        Assert.True(schema is not null, $"{method.ToUpperInvariant()} {template} answered {status}, which the OpenADR document does not list: {text}");
        var body = text.Length == 0 ? null : JsonNode.Parse(text);
        foreach (var problem in Validate(schema!, body, template))
        {
            Assert.Fail($"{method.ToUpperInvariant()} {template} {status}: the body breaks the OpenADR schema: {problem}\n{text}");
        }

        return body;
    }

    /// <summary>
    /// The document's ven and resource schemas are allOf(objectMetadata, BlVenRequest / BlResourceRequest), whose
    /// objectType enums cannot both hold (VEN vs BL_VEN_REQUEST), so no body can pass them whole. Those objects are
    /// checked against each half instead, with the discriminator the request half expects; every other field is held
    /// to both.
    /// </summary>
    private static IEnumerable<string> Validate(Json.Schema.JsonSchema schema, JsonNode? body, string template)
    {
        var request = template.StartsWith("/vens", StringComparison.Ordinal) ? "BlVenRequest"
            : template.StartsWith("/resources", StringComparison.Ordinal) ? "BlResourceRequest"
            : null;
        var objects = body is JsonArray array ? array.ToList() : [body];
        if (request is null || (body is JsonObject single && single["status"] is not null))
        {
            return OpenAdrDocument.Validate(schema, body);
        }

        return objects.SelectMany(o =>
        {
            var asRequest = o!.DeepClone().AsObject();
            asRequest["objectType"] = request == "BlVenRequest" ? "BL_VEN_REQUEST" : "BL_RESOURCE_REQUEST";
            return OpenAdrDocument.Instance.Validate("objectMetadata", o).Concat(OpenAdrDocument.Instance.Validate(request, asRequest));
        });
    }
}
