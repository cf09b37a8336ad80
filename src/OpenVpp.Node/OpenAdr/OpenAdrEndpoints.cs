using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace OpenVpp.Node.OpenAdr;

/// <summary>
/// The OpenADR 3.1 VTN's HTTP API under <see cref="BasePath"/>: auth/server and auth/token, and create, search, read,
/// replace and delete for every collection. Each operation requires the scopes the OpenAPI document gives it.
/// </summary>
public static class OpenAdrEndpoints
{
    public const string BasePath = "/openadr3/3.1.0";
    private const long MaxBodyBytes = 1 << 20;
    private static readonly string[] FilterNames = ["programID", "eventID", "clientName", "venName", "venID", "resourceName"];

    public static void MapOpenAdrEndpoints(this IEndpointRouteBuilder app)
    {
        var vtn = app.MapGroup(BasePath);
        vtn.MapGet("/auth/server", (HttpContext http) =>
            OpenAdrHttp.Json(new JsonObject { ["tokenURL"] = $"{http.Request.Scheme}://{http.Request.Host}{BasePath}/auth/token" }));
        vtn.MapPost("/auth/token", Token);

        foreach (var collection in OpenAdrCollection.All)
        {
            vtn.MapGet(collection.Path, (HttpContext http, OpenAdrAuth auth, OpenAdrVtn service) =>
                Run(http, auth, collection.Path, "get", principal =>
                {
                    if (!TryPaging(http, out var skip, out var limit, out var bad))
                    {
                        return VtnResult.Fail(400, bad);
                    }

                    var filters = FilterNames
                        .Where(name => http.Request.Query.ContainsKey(name))
                        .ToDictionary(name => name, name => http.Request.Query[name].ToString(), StringComparer.Ordinal);
                    return service.Search(principal, collection, filters, Targets(http), skip, limit);
                }));
            vtn.MapPost(collection.Path, async (HttpContext http, OpenAdrAuth auth, OpenAdrVtn service) =>
            {
                var body = await ReadBody(http).ConfigureAwait(false);
                return Run(http, auth, collection.Path, "post", principal => body.Error ?? service.Create(principal, collection, body.Json));
            });
            vtn.MapGet(collection.ItemPath, (HttpContext http, OpenAdrAuth auth, OpenAdrVtn service) =>
                Run(http, auth, collection.ItemPath, "get", principal => service.Get(principal, collection, Id(http, collection), Targets(http))));
            vtn.MapPut(collection.ItemPath, async (HttpContext http, OpenAdrAuth auth, OpenAdrVtn service) =>
            {
                var body = await ReadBody(http).ConfigureAwait(false);
                return Run(http, auth, collection.ItemPath, "put", principal => body.Error ?? service.Replace(principal, collection, Id(http, collection), body.Json));
            });
            vtn.MapDelete(collection.ItemPath, (HttpContext http, OpenAdrAuth auth, OpenAdrVtn service) =>
                Run(http, auth, collection.ItemPath, "delete", principal => service.Delete(principal, collection, Id(http, collection))));
        }

        vtn.MapOpenAdrNotifierEndpoints();
    }

    private static string Id(HttpContext http, OpenAdrCollection collection) => http.Request.RouteValues[collection.IdParameter]?.ToString() ?? "";

    /// <remarks><paramref name="anyClient"/>: any valid token may call it, whatever scopes the document asks for.</remarks>
    internal static IResult Run(HttpContext http, OpenAdrAuth auth, string pathTemplate, string method, Func<OpenAdrPrincipal, VtnResult> operation, bool anyClient = false)
    {
        var header = http.Request.Headers.Authorization.ToString();
        var bearer = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim() : null;
        if (bearer is null)
        {
            return OpenAdrHttp.Unauthorized(http, "A bearer token is required: POST client credentials to auth/token first.");
        }

        if (auth.Authenticate(bearer) is not { } principal)
        {
            return OpenAdrHttp.Unauthorized(http, "The bearer token is unknown, expired or its client revoked; fetch a new one from auth/token.");
        }

        var required = OpenAdrDocument.Instance.Scopes(pathTemplate, method);
        if (!anyClient && !principal.Allows(required))
        {
            return OpenAdrHttp.Forbidden(http, $"{method.ToUpperInvariant()} {pathTemplate} needs scope {string.Join(" or ", required)}; the token has {string.Join(" ", principal.Scopes)}.");
        }

        var result = operation(principal);
        return result.Problem is { } problem
            ? OpenAdrHttp.Problem(http, result.Status, Title(result.Status), problem)
            : OpenAdrHttp.Json(result.Body!, result.Status);
    }

    private static async Task<IResult> Token(HttpContext http, OpenAdrAuth auth)
    {
        if (!http.Request.HasFormContentType)
        {
            return TokenError(http, 400, "invalid_request", "POST the credentials as application/x-www-form-urlencoded (RFC 6749 section 4.4).");
        }

        var form = await http.Request.ReadFormAsync(http.RequestAborted).ConfigureAwait(false);
        var clientId = form["client_id"].ToString();
        var secret = form["client_secret"].ToString();

        // RFC 6749 2.3.1: the client may authenticate with HTTP Basic instead of form fields.
        var header = http.Request.Headers.Authorization.ToString();
        if (clientId.Length == 0 && header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                var pair = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim()));
                var colon = pair.IndexOf(':', StringComparison.Ordinal);
                (clientId, secret) = colon < 0 ? (pair, "") : (Uri.UnescapeDataString(pair[..colon]), Uri.UnescapeDataString(pair[(colon + 1)..]));
            }
            catch (FormatException)
            {
                return TokenError(http, 400, "invalid_request", "The Basic authorization header is not base64.");
            }
        }

        if (form["grant_type"].ToString() != "client_credentials")
        {
            return TokenError(http, 400, "unsupported_grant_type", "grant_type must be client_credentials.");
        }

        if (clientId.Length == 0 || secret.Length == 0)
        {
            return TokenError(http, 400, "invalid_request", "client_id and client_secret are required.");
        }

        var grant = auth.IssueToken(clientId, secret, form["scope"].ToString());
        if (grant.AccessToken is null)
        {
            return TokenError(http, grant.Error == "invalid_client" ? 401 : 400, grant.Error!, grant.ErrorDescription!);
        }

        http.Response.Headers.CacheControl = "no-store";
        return OpenAdrHttp.Json(new JsonObject
        {
            ["access_token"] = grant.AccessToken,
            ["token_type"] = "Bearer",
            ["expires_in"] = grant.ExpiresInS,
            ["scope"] = string.Join(' ', grant.Scopes),
        });
    }

    // The spec answers auth errors with its problem object; the RFC 6749 error code rides along in "error".
    private static IResult TokenError(HttpContext http, int status, string error, string description)
    {
        var problem = new JsonObject
        {
            ["type"] = "about:blank",
            ["title"] = Title(status),
            ["status"] = status,
            ["detail"] = description,
            ["instance"] = http.Request.Path.Value,
            ["error"] = error,
            ["error_description"] = description,
        };
        if (status == 401)
        {
            http.Response.Headers.WWWAuthenticate = "Basic";
        }

        return Results.Text(problem.ToJsonString(OpenAdrJson.Context.Options), "application/problem+json", System.Text.Encoding.UTF8, status);
    }

    private static async Task<(JsonNode? Json, VtnResult? Error)> ReadBody(HttpContext http)
    {
        if (http.Request.ContentLength > MaxBodyBytes)
        {
            return (null, VtnResult.Fail(400, $"The body is over {MaxBodyBytes} bytes."));
        }

        try
        {
            return (await JsonNode.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted).ConfigureAwait(false), null);
        }
        catch (JsonException e)
        {
            return (null, VtnResult.Fail(400, $"The body is not JSON: {e.Message}"));
        }
    }

    private static bool TryPaging(HttpContext http, out int skip, out int limit, out string problem)
    {
        skip = 0;
        limit = OpenAdrVtn.MaxLimit;
        problem = "";
        var query = http.Request.Query;
        if (query.TryGetValue("skip", out var s) && !int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out skip))
        {
            problem = $"skip must be a whole number 0 or more, not '{s}'.";
            return false;
        }

        if (query.TryGetValue("limit", out var l) && !int.TryParse(l, NumberStyles.None, CultureInfo.InvariantCulture, out limit))
        {
            problem = $"limit must be a whole number from 0 to {OpenAdrVtn.MaxLimit}, not '{l}'.";
            return false;
        }

        return true;
    }

    /// <summary>Targets of the query: repeated <c>targets=</c> parameters, each possibly a comma-separated list.</summary>
    private static string[] Targets(HttpContext http) =>
        [.. http.Request.Query["targets"].SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Distinct(StringComparer.Ordinal)];

    private static string Title(int status) => status switch
    {
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        409 => "Conflict",
        _ => "Error",
    };
}
