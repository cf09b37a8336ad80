using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using OpenVpp.Gateway.Adapters;
using OpenVpp.Gateway.Hosting;
using OpenVpp.Gateway.Outbox;

namespace OpenVpp.Gateway.Tests.Support;

/// <summary>A gateway host over a <see cref="TestAdapter"/> and fake time, with its outbox at hand.</summary>
internal sealed class GatewayHarness : IAsyncDisposable
{
    public static readonly DateTimeOffset Origin = new(2025, 6, 1, 0, 0, 0, TimeSpan.Zero);
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(15);

    private GatewayHarness(IHost host, TestAdapter adapter, ListLoggerProvider logs)
    {
        Host = host;
        Adapter = adapter;
        Logs = logs;
    }

    public IHost Host { get; }

    public TestAdapter Adapter { get; }

    public ListLoggerProvider Logs { get; }

    public OutboxStore Outbox => Host.Services.GetRequiredService<GatewayRuntime>().Outbox;

    public static GatewayOptions Options(string dataDir, Uri node) => new()
    {
        DataDir = dataDir,
        NodeUrl = node.ToString(),
        DeviceCount = 0,
        SimulationOrigin = Origin,
        Interval = Interval,
        MaxBackoff = TimeSpan.FromSeconds(60),
        RequestTimeout = TimeSpan.FromSeconds(10),
    };

    public static async Task<GatewayHarness> StartAsync(GatewayOptions options, FakeTimeProvider time, int devices, Action<IServiceCollection>? configure = null)
    {
        var adapter = new TestAdapter(devices);
        var logs = new ListLoggerProvider();
        var host = GatewayApplication.Build(
            options,
            time,
            logging => logging.AddProvider(logs).SetMinimumLevel(LogLevel.Debug),
            services =>
            {
                services.RemoveAll<IDeviceAdapter>();
                services.AddSingleton<IDeviceAdapter>(adapter);
                configure?.Invoke(services);
            });
        await host.StartAsync();

        // The first run starts at the interval containing "now" as the producer reads it: let it read the clock
        // before a test moves time on.
        await Wait.UntilAsync(() => adapter.ResumedAt is not null);
        return new GatewayHarness(host, adapter, logs);
    }

    public async ValueTask DisposeAsync()
    {
        await Host.StopAsync();
        Host.Dispose();
    }
}
