using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace OpenVpp.Gateway.OpenAdr;

/// <summary>
/// The VEN's HTTP link to its VTN: fetches a client-credentials token and fetches a new one before it expires or
/// when the VTN answers 401; bodies are OpenADR JSON exactly as the specification names them.
/// </summary>
public sealed class VtnConnection(HttpClient http, VenOptions options, TimeProvider time)
{
    private string? _token;
    private DateTimeOffset _tokenExpires;

    /// <summary>Sends a request relative to the VTN base URL; returns the status and the parsed body (null when empty).</summary>
    public async Task<(HttpStatusCode Status, JsonNode? Body)> SendAsync(HttpMethod method, string path, JsonNode? body, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var token = await TokenAsync(refresh: attempt > 0, cancellationToken).ConfigureAwait(false);
            using var request = new HttpRequestMessage(method, new Uri(options.VtnUrl.ToString().TrimEnd('/') + path));
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            if (body is not null)
            {
                request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
            }

            using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.Unauthorized && attempt == 0)
            {
                continue;
            }

            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
        }
    }

    private async Task<string> TokenAsync(bool refresh, CancellationToken cancellationToken)
    {
        if (!refresh && _token is not null && time.GetUtcNow() < _tokenExpires)
        {
            return _token;
        }

        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = options.ClientId,
            ["client_secret"] = options.ClientSecret,
        });
        using var response = await http.PostAsync(new Uri(options.VtnUrl.ToString().TrimEnd('/') + "/auth/token"), form, cancellationToken).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new VtnRefusedException($"the VTN refused the VEN's credentials for '{options.ClientId}' ({(int)response.StatusCode}: {text}); check client_id and client_secret (./openvpp operator list)");
        }

        var answer = JsonNode.Parse(text)!;
        _token = answer["access_token"]!.GetValue<string>();

        // Renew a minute early so a request never goes out on a token about to lapse.
        var lifetime = TimeSpan.FromSeconds(answer["expires_in"]?.GetValue<int>() ?? 3600);
        _tokenExpires = time.GetUtcNow() + lifetime - TimeSpan.FromMinutes(Math.Min(1, lifetime.TotalMinutes / 2));
        return _token;
    }
}

/// <summary>The VTN said no in a way retrying will not fix (bad credentials, a refused registration).</summary>
public sealed class VtnRefusedException : Exception
{
    public VtnRefusedException()
    {
    }

    public VtnRefusedException(string message)
        : base(message)
    {
    }

    public VtnRefusedException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
