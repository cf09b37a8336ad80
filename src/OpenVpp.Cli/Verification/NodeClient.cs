using System.Net;
using System.Net.Http.Json;
using OpenVpp.Core.Devices;
using OpenVpp.Node.Api;
using OpenVpp.Core.Wire;

namespace OpenVpp.Cli.Verification;

/// <summary>The few node API calls the CLI makes, typed with the node's own JSON contract.</summary>
internal sealed class NodeClient(HttpClient http) : IDisposable
{
    public static NodeClient For(string baseUrl) =>
        new(new HttpClient { BaseAddress = new Uri(baseUrl.TrimEnd('/') + "/"), Timeout = TimeSpan.FromSeconds(30) });

    public async Task<bool> IsHealthyAsync(CancellationToken cancel)
    {
        try
        {
            using var response = await http.GetAsync("health", cancel).ConfigureAwait(false);
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (TaskCanceledException) when (!cancel.IsCancellationRequested)
        {
            return false;
        }
    }

    public Task<NodeStats?> GetStatsAsync(CancellationToken cancel) =>
        http.GetFromJsonAsync("v1/stats", NodeJsonContext.Default.NodeStats, cancel);

    public async Task<EpochExport?> GetEpochExportAsync(long index, CancellationToken cancel)
    {
        using var response = await http.GetAsync($"v1/epochs/{index}/readings", cancel).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync(NodeJsonContext.Default.EpochExport, cancel).ConfigureAwait(false);
    }

    public async Task<EpochView?> GetEpochAsync(long index, CancellationToken cancel)
    {
        using var response = await http.GetAsync($"v1/epochs/{index}", cancel).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync(NodeJsonContext.Default.EpochView, cancel).ConfigureAwait(false);
    }

    /// <summary>
    /// The rewards oracle's computation for an epoch (the JSON of GET /v1/epochs/{index}/rewards), or null when the
    /// node has none (404: it runs no oracle, or has not settled the epoch yet).
    /// </summary>
    public async Task<string?> GetEpochRewardsJsonAsync(long index, CancellationToken cancel)
    {
        using var response = await http.GetAsync($"v1/epochs/{index}/rewards", cancel).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync(cancel).ConfigureAwait(false);
    }

    /// <summary>All sealed epochs, oldest first.</summary>
    public async Task<IReadOnlyList<EpochView>> GetAllEpochsAsync(CancellationToken cancel)
    {
        var all = new List<EpochView>();
        int? offset = 0;
        while (offset is { } o)
        {
            var page = await http.GetFromJsonAsync($"v1/epochs?offset={o}&limit=500", NodeJsonContext.Default.EpochPage, cancel).ConfigureAwait(false);
            all.AddRange(page!.Items);
            offset = page.NextOffset;
        }

        return [.. all.OrderBy(e => e.Index)];
    }

    /// <summary>Every registered device, by id.</summary>
    public async Task<IReadOnlyList<DeviceView>> GetAllDevicesAsync(CancellationToken cancel)
    {
        var all = new List<DeviceView>();
        int? offset = 0;
        while (offset is { } o)
        {
            var page = await http.GetFromJsonAsync($"v1/devices?offset={o}&limit=500", NodeJsonContext.Default.DevicePage, cancel).ConfigureAwait(false);
            all.AddRange(page!.Items);
            offset = page.NextOffset;
        }

        return all;
    }

    public static IReadOnlyDictionary<DeviceId, byte[]> KeysOf(IEnumerable<DeviceView> devices) =>
        devices.ToDictionary(d => DeviceId.Parse(d.DeviceId), d => HexBytes.TryParse(d.PublicKey, out var key) ? key : []);

    public void Dispose() => http.Dispose();
}
