using System.Net.Http.Json;
using OpenVpp.Core.Wire;

namespace OpenVpp.Gateway.Uplink;

/// <summary>
/// HTTP client of the node's gateway API (POST /v1/devices, POST /v1/readings). Any failure to get a well-formed
/// answer (connection refused, timeout, non-success status) throws <see cref="HttpRequestException"/> or
/// <see cref="TaskCanceledException"/>: the caller keeps the readings and retries.
/// </summary>
public sealed class NodeClient
{
    private readonly HttpClient _http;

    public NodeClient(HttpClient http)
    {
        _http = http;
    }

    public Uri? BaseAddress => _http.BaseAddress;

    public async Task<IngestResponse> SubmitReadingsAsync(IEnumerable<byte[]> signedReadings, CancellationToken cancellationToken)
    {
        var request = new IngestRequest([.. signedReadings.Select(Convert.ToBase64String)]);
        using var response = await _http.PostAsJsonAsync("v1/readings", request, WireJsonContext.Default.IngestRequest, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync(WireJsonContext.Default.IngestResponse, cancellationToken).ConfigureAwait(false)
            ?? throw new HttpRequestException("The node answered POST /v1/readings with an empty body.");
    }

    public async Task<RegisterDevicesResponse> RegisterDevicesAsync(RegisterDevicesRequest request, CancellationToken cancellationToken)
    {
        using var response = await _http.PostAsJsonAsync("v1/devices", request, WireJsonContext.Default.RegisterDevicesRequest, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync(WireJsonContext.Default.RegisterDevicesResponse, cancellationToken).ConfigureAwait(false)
            ?? throw new HttpRequestException("The node answered POST /v1/devices with an empty body.");
    }
}
