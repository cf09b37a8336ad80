using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenVpp.Gateway.Configuration;

namespace OpenVpp.Gateway;

/// <summary>Builds the gateway host (`openvpp gateway`); run it with <c>RunAsync</c> or start and stop it in tests.</summary>
public static class GatewayApplication
{
    /// <param name="options">What to run; validated when the host starts.</param>
    /// <param name="time">Clock for intervals and retry delays; the system clock when null.</param>
    /// <param name="logging">Configures logging; a simple console logger when null.</param>
    public static IHost Build(GatewayOptions options, TimeProvider? time = null, Action<ILoggingBuilder>? logging = null) =>
        Build(options, time, logging, configureServices: null);

    /// <summary>
    /// A gateway for a configuration file's devices (<see cref="Configuration.GatewayConfigReader"/>) beside the
    /// simulated fleet that <paramref name="options"/> asks for (none when its DeviceCount is 0).
    /// </summary>
    public static IHost Build(Configuration.GatewayConfig config, GatewayOptions options, TimeProvider? time = null, Action<ILoggingBuilder>? logging = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        return Build(options, time, logging, services => services.AddConfiguredAdapters(config.Adapters));
    }

    /// <summary>As <see cref="Build(GatewayOptions, TimeProvider?, Action{ILoggingBuilder}?)"/>, letting tests replace services (adapters).</summary>
    internal static IHost Build(GatewayOptions options, TimeProvider? time, Action<ILoggingBuilder>? logging, Action<IServiceCollection>? configureServices)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { ApplicationName = "openvpp-gateway" });

        // Our own log lines say what happened to an upload; the HTTP client's per-request lines only repeat them.
        builder.Logging.AddFilter("System.Net.Http.HttpClient", LogLevel.Warning);
        if (logging is null)
        {
            builder.Logging.AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.TimestampFormat = "HH:mm:ss ";
            });
        }
        else
        {
            logging(builder.Logging);
        }

        builder.Services.AddGateway(options, time);
        configureServices?.Invoke(builder.Services);
        return builder.Build();
    }
}
