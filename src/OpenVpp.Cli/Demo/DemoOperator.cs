using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace OpenVpp.Cli.Demo;

/// <summary>
/// The demo's utility operator: an OpenADR 3.1 business-logic client that knows only the spec (client-credentials
/// token, programs, events, reports). Tokens live an hour on the node's clock, which the demo accelerates to
/// seconds, so a 401 fetches a new token and retries once.
/// </summary>
internal sealed class DemoOperator(HttpClient http, string vtnUrl, string clientId, string clientSecret)
{
    private string? _token;

    public async Task<JsonNode> SendAsync(HttpMethod method, string path, JsonNode? body, HttpStatusCode expected, CancellationToken cancel)
    {
        for (var attempt = 0; ; attempt++)
        {
            _token ??= await TokenAsync(cancel).ConfigureAwait(false);
            using var request = new HttpRequestMessage(method, vtnUrl + path);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token);
            if (body is not null)
            {
                request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
            }

            using var response = await http.SendAsync(request, cancel).ConfigureAwait(false);
            var text = await response.Content.ReadAsStringAsync(cancel).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.Unauthorized && attempt == 0)
            {
                _token = null;
                continue;
            }

            return response.StatusCode == expected
                ? JsonNode.Parse(text)!
                : throw new InvalidOperationException($"The VTN answered {method} {path} with {(int)response.StatusCode}: {text}");
        }
    }

    private async Task<string> TokenAsync(CancellationToken cancel)
    {
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = clientId,
            ["client_secret"] = clientSecret,
        });
        using var response = await http.PostAsync(new Uri(vtnUrl + "/auth/token"), form, cancel).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancel).ConfigureAwait(false);
        return response.IsSuccessStatusCode
            ? JsonNode.Parse(text)!["access_token"]!.GetValue<string>()
            : throw new InvalidOperationException($"The VTN refused the demo operator's token request ({(int)response.StatusCode}): {text}");
    }
}
