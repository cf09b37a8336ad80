using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace OpenVpp.Gateway.Configuration;

/// <summary>
/// Reads a gateway configuration file (YAML; JSON is YAML too) into <see cref="GatewayConfigFile"/>. Unknown keys are
/// errors, not silently ignored, so a typo (nameplate_kw for nameplate_w) is caught before the gateway runs.
/// </summary>
public static class GatewayConfigReader
{
    private static readonly IDeserializer Deserializer = new DeserializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .Build();

    /// <summary>Reads and checks <paramref name="path"/>; throws <see cref="GatewayConfigException"/> listing every problem.</summary>
    public static GatewayConfig Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new GatewayConfigException(path, [$"cannot read the file: {e.Message}"]);
        }

        return Parse(text, path);
    }

    /// <summary>Parses YAML <paramref name="text"/>; <paramref name="path"/> only names it in errors.</summary>
    public static GatewayConfig Parse(string text, string path = "(config)")
    {
        GatewayConfigFile? file;
        try
        {
            file = Deserializer.Deserialize<GatewayConfigFile>(text);
        }
        catch (YamlException e)
        {
            throw new GatewayConfigException(path, [$"line {e.Start.Line}, column {e.Start.Column}: {Describe(e)}"]);
        }

        var config = GatewayConfigChecker.Check(file ?? new GatewayConfigFile(), path);
        return config with { Adapters = ConfiguredAdapters.Build(config) };
    }

    private static string Describe(YamlException e)
    {
        // YamlDotNet says "Property 'x' not found on type 'OpenVpp…DeviceEntry'"; name the key and where it may go.
        var message = (e.InnerException?.Message ?? e.Message).Trim();
        const string notFound = "not found on type '";
        var at = message.IndexOf(notFound, StringComparison.Ordinal);
        if (message.StartsWith("Property '", StringComparison.Ordinal) && at > 0)
        {
            var key = message["Property '".Length..message.IndexOf('\'', "Property '".Length)];
            var type = message[(at + notFound.Length)..].TrimEnd('.', '\'');
            var section = type[(type.LastIndexOf('.') + 1)..] switch
            {
                nameof(GatewayConfigFile) => "the top level (it takes gateway, simulator, ocpp, mqtt, devices)",
                nameof(GatewaySection) => "gateway:",
                nameof(SimulatorSection) => "simulator:",
                nameof(OcppSection) => "ocpp:",
                nameof(MqttSection) => "mqtt:",
                nameof(DeviceEntry) => "a device under devices:",
                nameof(MqttMappingEntry) => "an mqtt mapping",
                var other => other,
            };
            return $"unknown key '{key}' in {section} (see docs/gateway-config.md for the keys it takes)";
        }

        return message;
    }
}
