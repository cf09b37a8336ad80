using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using OpenVpp.Core.Wire;

namespace OpenVpp.Node.Tests;

/// <summary>The real node on 127.0.0.1 with a free port, over a temp data dir and a fake clock.</summary>
internal sealed class NodeHost : IAsyncDisposable
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    private NodeHost(WebApplication app, HttpClient client, NodeOptions options)
    {
        App = app;
        Client = client;
        Options = options;
    }

    public WebApplication App { get; }

    public HttpClient Client { get; }

    public NodeOptions Options { get; }

    /// <summary>Starts a node; its log goes nowhere, or to <paramref name="logs"/> when given.</summary>
    public static async Task<NodeHost> StartAsync(string dataDir, FakeTimeProvider time, Action<NodeOptions>? configure = null, ILoggerProvider? logs = null)
    {
        var options = new NodeOptions { DataDir = dataDir, Url = "http://127.0.0.1:0" };
        configure?.Invoke(options);
        var app = NodeApplication.Build(options, time, logging =>
        {
            logging.ClearProviders();
            if (logs is not null)
            {
                logging.AddProvider(logs);
            }
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new NodeHost(app, new HttpClient { BaseAddress = new Uri(address) }, options);
    }

    public async Task<RegisterDevicesResponse> RegisterAsync(params DeviceRegistration[] devices)
    {
        using var response = await Client.PostAsJsonAsync("/v1/devices", new RegisterDevicesRequest(devices), WireJsonContext.Default.RegisterDevicesRequest);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync(WireJsonContext.Default.RegisterDevicesResponse))!;
    }

    public async Task<IngestResponse> IngestAsync(params string[] readings)
    {
        using var response = await Client.PostAsJsonAsync("/v1/readings", new IngestRequest(readings), WireJsonContext.Default.IngestRequest);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync(WireJsonContext.Default.IngestResponse))!;
    }

    public async Task<T> GetAsync<T>(string path)
    {
        using var response = await Client.GetAsync(new Uri(path, UriKind.Relative));
        Assert.True(response.IsSuccessStatusCode, $"GET {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<T>(Json))!;
    }

    /// <summary>Polls until GET path answers 200 (the sealer runs on its own timer), or fails after a timeout.</summary>
    public async Task<T> WaitForAsync<T>(string path, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            using var response = await Client.GetAsync(new Uri(path, UriKind.Relative));
            if (response.IsSuccessStatusCode)
            {
                return (await response.Content.ReadFromJsonAsync<T>(Json))!;
            }

            Assert.True(DateTime.UtcNow < deadline, $"GET {path} still answers {(int)response.StatusCode}");
            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
