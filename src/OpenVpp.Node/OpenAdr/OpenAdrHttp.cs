using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace OpenVpp.Node.OpenAdr;

/// <summary>Responses in the VTN's own JSON: bodies as OpenADR writes them, errors as the spec's problem object.</summary>
internal static class OpenAdrHttp
{
    public static IResult Json(JsonNode body, int status = StatusCodes.Status200OK) =>
        Results.Text(body.ToJsonString(OpenAdrJson.Context.Options), "application/json", System.Text.Encoding.UTF8, status);

    /// <summary>The spec's problem object (RFC 7807), with <paramref name="detail"/> saying what to fix.</summary>
    public static IResult Problem(HttpContext http, int status, string title, string detail)
    {
        var problem = new JsonObject
        {
            ["type"] = "about:blank",
            ["title"] = title,
            ["status"] = status,
            ["detail"] = detail,
            ["instance"] = http.Request.Path.Value is { Length: >= 3 } path ? path : "/openadr3/3.1.0",
        };
        return Results.Text(problem.ToJsonString(OpenAdrJson.Context.Options), "application/problem+json", System.Text.Encoding.UTF8, status);
    }

    public static IResult BadRequest(HttpContext http, string detail) => Problem(http, StatusCodes.Status400BadRequest, "Bad Request", detail);

    public static IResult NotFound(HttpContext http, string detail) => Problem(http, StatusCodes.Status404NotFound, "Not Found", detail);

    public static IResult Conflict(HttpContext http, string detail) => Problem(http, StatusCodes.Status409Conflict, "Conflict", detail);

    public static IResult Forbidden(HttpContext http, string detail) => Problem(http, StatusCodes.Status403Forbidden, "Forbidden", detail);

    public static IResult Unauthorized(HttpContext http, string detail)
    {
        http.Response.Headers.WWWAuthenticate = "Bearer";
        return Problem(http, StatusCodes.Status401Unauthorized, "Unauthorized", detail);
    }
}
