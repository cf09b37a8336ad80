using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenVpp.Gateway.Adapters;
using OpenVpp.Gateway.Adapters.SunSpec;

namespace OpenVpp.Gateway.Configuration;

/// <summary>
/// Turns a checked configuration into adapters: devices that share a connection share an adapter (all SunSpec units
/// behind one Modbus TCP endpoint, all chargers on the one CSMS, all MQTT devices on the one broker).
/// </summary>
public static class ConfiguredAdapters
{
    /// <summary>Registers one <see cref="IDeviceAdapter"/> per connection of <paramref name="config"/>.</summary>
    public static IServiceCollection AddConfiguredAdapters(this IServiceCollection services, GatewayConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        foreach (var options in SunSpecEndpoints(config))
        {
            services.AddSingleton<IDeviceAdapter>(sp => new SunSpecAdapter(
                options, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<SunSpecAdapter>>()));
        }

        return services;
    }

    /// <summary>One set of SunSpec options per host:port, with a unit per device.</summary>
    public static IReadOnlyList<SunSpecAdapterOptions> SunSpecEndpoints(GatewayConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return [.. config.DevicesOf("sunspec")
            .GroupBy(d => (Host: d.Entry.Host!, Port: d.Entry.Port ?? 502))
            .Select(g => new SunSpecAdapterOptions(
                g.Key.Host,
                g.Key.Port,
                [.. g.Select(d => new SunSpecUnitOptions(
                    (byte)(d.Entry.Unit ?? 1), d.Descriptor.Name, d.Descriptor.Kind, d.Descriptor.Region, d.Descriptor.Site,
                    d.Descriptor.NameplatePowerW, d.Descriptor.CapacityWh))],
                PollPeriod: g.Select(d => d.Poll).FirstOrDefault(p => p is not null)))];
    }

    internal static string Describe(SunSpecAdapterOptions o) =>
        string.Create(CultureInfo.InvariantCulture, $"sunspec {o.Host}:{o.Port} units {string.Join(", ", o.Units.Select(u => $"{u.UnitId} {u.DeviceName}"))}");
}
