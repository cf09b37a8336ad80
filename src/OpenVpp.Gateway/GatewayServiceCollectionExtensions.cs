using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenVpp.Core.Simulation;
using OpenVpp.Gateway.Adapters;
using OpenVpp.Gateway.Adapters.Simulated;
using OpenVpp.Gateway.DemandResponse;
using OpenVpp.Gateway.Hosting;
using OpenVpp.Gateway.OpenAdr;
using OpenVpp.Gateway.Producer;
using OpenVpp.Gateway.Uplink;

namespace OpenVpp.Gateway;

/// <summary>Registers the gateway module: adapters, keystore and outbox start-up, producer, uplink.</summary>
public static class GatewayServiceCollectionExtensions
{
    public static IServiceCollection AddGateway(this IServiceCollection services, GatewayOptions options, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.AddSingleton(time ?? TimeProvider.System);
        services.AddOptions<GatewayOptions>().Configure(options.CopyTo).ValidateOnStart();
        services.AddSingleton<IValidateOptions<GatewayOptions>, GatewayOptionsValidator>();

        if (options.DeviceCount > 0)
        {
            services.AddSingleton<IDeviceAdapter>(sp =>
            {
                var o = sp.GetRequiredService<IOptions<GatewayOptions>>().Value;
                return new SimulatedFleetAdapter(
                    new FleetOptions(o.Seed, o.DeviceCount, o.SimulationOrigin, o.Interval, Regions: o.Regions.Count > 0 ? o.Regions : null),
                    new SimulationControlJournal(o.DataDir));
            });
        }

        services.AddSingleton<DispatchInstructions>();
        services.AddSingleton<SetpointExecutor>();
        services.AddSingleton<GatewayRuntime>();
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<DeviceEnrollment>();
        services.AddHttpClient<NodeClient>((sp, http) =>
        {
            var o = sp.GetRequiredService<IOptions<GatewayOptions>>().Value;
            http.BaseAddress = new Uri(o.NodeUrl.TrimEnd('/') + "/");
            http.Timeout = o.RequestTimeout;
        });

        // Start order matters: keystore and outbox open before the producer and uplink run.
        services.AddHostedService<GatewayStartup>();
        services.AddHostedService<ReadingProducer>();
        services.AddHostedService<UplinkService>();
        services.AddHostedService<LiveAdapterRunner>();
        services.AddHostedService<SetpointExecutorService>();
        if (options.Ven is { } ven)
        {
            services.AddSingleton(ven);
            services.AddHttpClient<VtnConnection>(http => http.Timeout = TimeSpan.FromSeconds(30));
            // Resources carry their device's id from the keystore, which opens at start (before registration runs).
            services.AddSingleton(sp => ActivatorUtilities.CreateInstance<VenAgent>(
                sp, (Func<string, string?>)(name => sp.GetRequiredService<GatewayRuntime>().Keystore.Find(name)?.Id.ToString())));
            services.AddSingleton<IIntervalCommitObserver>(sp => sp.GetRequiredService<VenAgent>());
            services.AddHostedService(sp => sp.GetRequiredService<VenAgent>());
        }
        return services;
    }
}
