using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenVpp.Gateway.Adapters;
using OpenVpp.Gateway.Adapters.Mqtt;
using OpenVpp.Gateway.Adapters.Ocpp;
using OpenVpp.Gateway.Adapters.P1;
using OpenVpp.Gateway.Adapters.SunSpec;
using OpenVpp.Gateway.Producer;
using OpenVpp.Protocols.Mqtt;
using OpenVpp.Protocols.Ocpp;

namespace OpenVpp.Gateway.Configuration;

/// <summary>
/// Turns a checked configuration into adapter options: devices that share a connection share an adapter (all SunSpec
/// units behind one Modbus TCP endpoint, all chargers on the one CSMS, all MQTT devices on the one broker). Each
/// adapter's own validation runs here, so its problems are reported with the file's, before anything starts.
/// </summary>
public static class ConfiguredAdapters
{
    private static readonly Dictionary<string, MqttQuantity> Quantities = new(StringComparer.OrdinalIgnoreCase)
    {
        ["energy_import"] = MqttQuantity.EnergyImportRegister,
        ["energy_export"] = MqttQuantity.EnergyExportRegister,
        ["power"] = MqttQuantity.Power,
        ["soc"] = MqttQuantity.StateOfCharge,
        ["soh"] = MqttQuantity.StateOfHealth,
    };

    private static readonly Dictionary<string, MqttValueUnit> Units = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Wh"] = MqttValueUnit.Wh,
        ["kWh"] = MqttValueUnit.KWh,
        ["MWh"] = MqttValueUnit.MWh,
        ["W"] = MqttValueUnit.W,
        ["kW"] = MqttValueUnit.KW,
        ["%"] = MqttValueUnit.Percent,
        ["fraction"] = MqttValueUnit.Fraction,
    };

    /// <summary>The adapters of <paramref name="config"/>; throws <see cref="GatewayConfigException"/> listing every problem.</summary>
    public static ConfiguredAdapterSet Build(GatewayConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var problems = new List<string>();
        var sunSpec = SunSpecEndpoints(config, problems);
        var p1 = P1Meters(config, problems);
        var ocpp = Ocpp(config, problems);
        var mqtt = Mqtt(config, problems);
        var publisher = Publisher(config, mqtt);
        return problems.Count > 0
            ? throw new GatewayConfigException(config.Path, problems)
            : new ConfiguredAdapterSet(sunSpec, p1, ocpp, mqtt, publisher);
    }

    /// <summary>Registers one <see cref="IDeviceAdapter"/> per connection, and the MQTT publisher when configured.</summary>
    public static IServiceCollection AddConfiguredAdapters(this IServiceCollection services, ConfiguredAdapterSet adapters)
    {
        ArgumentNullException.ThrowIfNull(adapters);
        foreach (var options in adapters.SunSpec)
        {
            services.AddSingleton<IDeviceAdapter>(sp => new SunSpecAdapter(
                options, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<SunSpecAdapter>>()));
        }

        foreach (var options in adapters.P1)
        {
            services.AddSingleton<IDeviceAdapter>(sp => new P1Adapter(
                options, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<P1Adapter>>()));
        }

        if (adapters.Ocpp is { } ocpp)
        {
            services.AddSingleton<IDeviceAdapter>(sp => new OcppAdapter(
                ocpp, sp.GetRequiredService<ILoggerFactory>(), sp.GetRequiredService<TimeProvider>()));
        }

        if (adapters.Mqtt is { } mqtt)
        {
            services.AddSingleton<IDeviceAdapter>(sp => new MqttAdapter(
                mqtt, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<MqttAdapter>>()));
        }

        if (adapters.Publisher is { } publisher)
        {
            services.AddSingleton(sp => new MqttReadingPublisher(
                publisher,
                sp.GetServices<IDeviceAdapter>().OfType<ILiveDeviceAdapter>(),
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILogger<MqttReadingPublisher>>()));
            services.AddSingleton<IIntervalCommitObserver>(sp => sp.GetRequiredService<MqttReadingPublisher>());
            services.AddSingleton<IHostedService, MqttPublisherService>();
        }

        return services;
    }

    private static List<SunSpecAdapterOptions> SunSpecEndpoints(GatewayConfig config, List<string> problems)
    {
        var endpoints = new List<SunSpecAdapterOptions>();
        foreach (var g in config.DevicesOf("sunspec").GroupBy(d => (Host: d.Entry.Host!, Port: d.Entry.Port ?? 502)))
        {
            var options = new SunSpecAdapterOptions(
                g.Key.Host,
                g.Key.Port,
                [.. g.Select(d => new SunSpecUnitOptions(
                    (byte)Math.Clamp(d.Entry.Unit ?? 1, 0, 255), d.Descriptor.Name, d.Descriptor.Kind, d.Descriptor.Region, d.Descriptor.Site,
                    d.Descriptor.NameplatePowerW, d.Descriptor.CapacityWh))],
                PollPeriod: g.Select(d => d.Poll).FirstOrDefault(p => p is not null));
            problems.AddRange(options.Validate().Select(p => $"sunspec {g.Key.Host}:{g.Key.Port}: {p}"));
            endpoints.Add(options);
        }

        return endpoints;
    }

    private static List<P1AdapterOptions> P1Meters(GatewayConfig config, List<string> problems)
    {
        var meters = new List<P1AdapterOptions>();
        foreach (var d in config.DevicesOf("p1"))
        {
            var baud = d.Entry.Baud ?? 115_200;
            var options = new P1AdapterOptions
            {
                DeviceName = d.Descriptor.Name,
                Region = d.Descriptor.Region,
                Site = d.Descriptor.Site,
                NameplatePowerW = d.Descriptor.NameplatePowerW,
                SerialPort = d.Entry.Serial,
                BaudRate = baud,
                // DSMR 2.2/3.0 meters talk 9600 7E1; DSMR 4/5 115200 8N1.
                SerialFraming = baud == 9600 ? "7E1" : "8N1",
                TcpEndpoint = d.Entry.Host is { } host ? $"{host}:{d.Entry.Port}" : null,
                OfflineAfter = d.OfflineAfter ?? TimeSpan.FromSeconds(30),
                SmartyKeyHex = d.Entry.SmartyKey,
            };
            problems.AddRange(options.Validate());
            meters.Add(options);
        }

        return meters;
    }

    private static OcppAdapterOptions? Ocpp(GatewayConfig config, List<string> problems)
    {
        var stations = config.DevicesOf("ocpp")
            .Select(d => new OcppStationOptions(d.Entry.StationId!, d.Descriptor.Name, d.Descriptor.NameplatePowerW, d.Descriptor.Region, d.Descriptor.Site)
            {
                Password = d.Entry.Password,
            })
            .ToList();
        if (stations.Count == 0)
        {
            return null;
        }

        var options = new OcppAdapterOptions
        {
            Port = config.File.Ocpp.Port,
            ListenAddress = config.File.Ocpp.Bind,
            Stations = stations,
            AllowUnknownStations = config.File.Ocpp.AllowUnknownStations,
            LimitPurpose = config.File.Ocpp.LimitProfile == OcppSection.TxDefault ? OcppProfilePurpose.TxDefault : OcppProfilePurpose.StationMax,
        };
        try
        {
            options.Validate();
        }
        catch (ArgumentException e)
        {
            problems.Add($"ocpp: {e.Message}");
        }

        return options;
    }

    private static MqttAdapterOptions? Mqtt(GatewayConfig config, List<string> allProblems)
    {
        // The adapter's own check runs only when the names parsed, so an unknown unit is not reported twice.
        var problems = new List<string>();
        var devices = new List<MqttDeviceOptions>();
        foreach (var d in config.DevicesOf("mqtt"))
        {
            var mappings = new List<MqttReadingMapping>();
            for (var i = 0; i < d.Entry.Mappings.Count; i++)
            {
                var m = d.Entry.Mappings[i];
                var at = $"{d.Descriptor.Name}: mappings[{i}]";
                if (!Quantities.TryGetValue(m.Quantity, out var quantity))
                {
                    problems.Add($"{at}: quantity '{m.Quantity}' is not one of {string.Join(", ", Quantities.Keys)}");
                }

                if (!Units.TryGetValue(m.Unit, out var unit))
                {
                    problems.Add($"{at}: unit '{m.Unit}' is not one of {string.Join(", ", Units.Keys)}");
                }

                mappings.Add(new MqttReadingMapping(m.Topic, m.Path, quantity, unit, m.Scale, m.Invert));
            }

            var desc = d.Descriptor;
            devices.Add(new MqttDeviceOptions(desc.Name, desc.Kind, desc.Region, desc.Site, desc.NameplatePowerW, desc.CapacityWh)
            {
                Mappings = mappings,
                Preset = d.Entry.Preset,
                PresetParameters = d.Entry.PresetArgs,
            });
        }

        if (devices.Count == 0)
        {
            return null;
        }

        var section = config.File.Mqtt;
        var options = new MqttAdapterOptions
        {
            Broker = ExternalBroker(section),
            EmbeddedBrokerPort = section.Port,
            Devices = devices,
            OfflineAfter = config.DevicesOf("mqtt").Select(d => d.OfflineAfter).FirstOrDefault(t => t is not null) ?? TimeSpan.FromMinutes(2),
        };
        if (problems.Count == 0)
        {
            problems.AddRange(options.Validate().Select(p => $"mqtt: {p}"));
        }

        allProblems.AddRange(problems);
        return options;
    }

    private static MqttPublisherOptions? Publisher(GatewayConfig config, MqttAdapterOptions? mqtt)
    {
        var section = config.File.Mqtt;
        if (!section.Publish)
        {
            return null;
        }

        // The embedded broker only runs with the MQTT adapter; without MQTT devices there is nowhere to publish to.
        var broker = ExternalBroker(section) ?? (mqtt is null ? null : new MqttBrokerOptions("127.0.0.1", section.Port));
        return broker is null ? null : new MqttPublisherOptions(section.GatewayName, broker);
    }

    private static MqttBrokerOptions? ExternalBroker(MqttSection section)
    {
        if (string.Equals(section.Broker, "embedded", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var host = section.Broker;
        var port = 1883;
        var colon = host.LastIndexOf(':');
        if (colon > 0 && int.TryParse(host.AsSpan(colon + 1), System.Globalization.CultureInfo.InvariantCulture, out var p))
        {
            host = host[..colon];
            port = p;
        }

        return new MqttBrokerOptions(host, port, section.Username, section.Password);
    }
}
