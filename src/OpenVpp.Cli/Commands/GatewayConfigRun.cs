using Microsoft.Extensions.Hosting;
using OpenVpp.Gateway;
using OpenVpp.Gateway.Configuration;

namespace OpenVpp.Cli.Commands;

/// <summary>openvpp gateway --config FILE [--check]: a gateway over the real devices a configuration file lists.</summary>
internal static class GatewayConfigRun
{
    public static async Task<int> RunAsync(string path, string? dataDir, string? nodeUrl, bool checkOnly, TimeProvider time, CancellationToken cancel)
    {
        GatewayConfig config;
        try
        {
            config = GatewayConfigReader.Load(path);
        }
        catch (GatewayConfigException e)
        {
            await Console.Error.WriteLineAsync($"gateway: {e.Message}").ConfigureAwait(false);
            return CommandErrors.Failure;
        }

        var origin = GatewayCommand.Floor(time.GetUtcNow(), config.Interval);
        var options = config.ToOptions(origin, dataDir, nodeUrl);
        PrintPlan(config, options);
        if (checkOnly)
        {
            return 0;
        }

        options.SimulationOrigin = SimulationOriginPin.Resolve(options.DataDir, origin);
        using var host = GatewayApplication.Build(config, options, time);
        await host.RunAsync(cancel).ConfigureAwait(false);
        return 0;
    }

    private static void PrintPlan(GatewayConfig config, GatewayOptions options)
    {
        Console.WriteLine($"gateway: {config.Path}: {config.Devices.Count} device(s), {options.DeviceCount} simulated; interval {config.Interval}; node {options.NodeUrl}; data {options.DataDir}");
        foreach (var d in config.Devices)
        {
            var desc = d.Descriptor;
            Console.WriteLine($"  {desc.Name,-24} {d.Entry.Adapter,-8} {DeviceKindNames.NameOf(desc.Kind),-15} {desc.NameplatePowerW,7} W  {desc.Region} / {desc.Site}  {Connection(config, d)}");
        }

        if (config.File.Mqtt.Publish)
        {
            Console.WriteLine(config.Adapters.Publisher is { } publisher
                ? $"  publishing readings and device status to mqtt {publisher.Broker} under openvpp/{publisher.GatewayName}/"
                : "  not publishing over MQTT: the embedded broker runs only with MQTT devices; set mqtt.broker to publish to an existing broker");
        }
    }

    private static string Connection(GatewayConfig config, ConfiguredDevice d) => d.Entry.Adapter.ToUpperInvariant() switch
    {
        "SUNSPEC" => $"modbus tcp {d.Entry.Host}:{d.Entry.Port ?? 502} unit {d.Entry.Unit ?? 1}",
        "P1" => d.Entry.Serial is { } serial ? $"serial {serial} {d.Entry.Baud ?? 115200} baud" : $"tcp {d.Entry.Host}:{d.Entry.Port}",
        "OCPP" => $"ws://{config.File.Ocpp.Bind}:{config.File.Ocpp.Port}/ocpp/{d.Entry.StationId}",
        "MQTT" => (string.Equals(config.File.Mqtt.Broker, "embedded", StringComparison.OrdinalIgnoreCase) ? $"embedded broker :{config.File.Mqtt.Port}" : $"broker {config.File.Mqtt.Broker}") +
                  (d.Entry.Preset is { } preset ? $" preset {preset}" : $" {d.Entry.Mappings.Count} mapping(s)"),
        _ => "",
    };
}
