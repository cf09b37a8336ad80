using OpenVpp.Core.Devices;
using OpenVpp.Core.Time;
using OpenVpp.Gateway.Adapters;

namespace OpenVpp.Gateway.Configuration;

/// <summary>
/// Checks a parsed configuration and fills in defaults. Collects every problem (not just the first), each naming
/// the device and key, so an installer fixes a file in one pass.
/// </summary>
internal static class GatewayConfigChecker
{
    public static readonly IReadOnlyDictionary<string, DeviceKind> DefaultKinds = new Dictionary<string, DeviceKind>(StringComparer.OrdinalIgnoreCase)
    {
        ["ocpp"] = DeviceKind.EvCharger,
        ["sunspec"] = DeviceKind.SolarInverter,
        ["p1"] = DeviceKind.GridMeter,
        ["mqtt"] = DeviceKind.HouseholdLoad,
    };

    public static GatewayConfig Check(GatewayConfigFile file, string path)
    {
        var problems = new List<string>();
        var interval = Duration(file.Gateway.Interval, "gateway.interval", problems) ?? TimeSpan.FromMinutes(15);
        var maxBackoff = Duration(file.Gateway.MaxBackoff, "gateway.max_backoff", problems) ?? TimeSpan.FromSeconds(60);
        if (!Uri.TryCreate(file.Gateway.Node, UriKind.Absolute, out var node) || (node.Scheme != Uri.UriSchemeHttp && node.Scheme != Uri.UriSchemeHttps))
        {
            problems.Add($"gateway.node '{file.Gateway.Node}' is not an http(s) URL");
        }

        if (file.Simulator is { Devices: < 0 })
        {
            problems.Add("simulator.devices must be zero or more");
        }

        Port(file.Ocpp.Port, "ocpp.port", problems);
        if (file.Ocpp.LimitProfile is not (OcppSection.StationMax or OcppSection.TxDefault))
        {
            problems.Add($"ocpp.limit_profile: must be {OcppSection.StationMax} or {OcppSection.TxDefault}, not '{file.Ocpp.LimitProfile}'");
        }
        if (string.Equals(file.Mqtt.Broker, "embedded", StringComparison.OrdinalIgnoreCase))
        {
            Port(file.Mqtt.Port, "mqtt.port", problems);
        }

        var devices = new List<ConfiguredDevice>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        var stations = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < file.Devices.Count; i++)
        {
            var d = file.Devices[i];
            var at = string.IsNullOrWhiteSpace(d.Name) ? $"devices[{i}]" : $"devices[{i}] ({d.Name})";
            var before = problems.Count;
            if (string.IsNullOrWhiteSpace(d.Name))
            {
                problems.Add($"{at}: name is missing");
            }
            else if (!names.Add(d.Name))
            {
                problems.Add($"{at}: name is used by another device; names must be unique");
            }

            if (!DefaultKinds.TryGetValue(d.Adapter ?? "", out var defaultKind))
            {
                problems.Add($"{at}: adapter '{d.Adapter}' is not one of {string.Join(", ", DefaultKinds.Keys)}");
                continue;
            }

            var kind = defaultKind;
            if (d.Kind is not null && !DeviceKindNames.TryParse(d.Kind, out kind))
            {
                problems.Add($"{at}: kind '{d.Kind}' is not one of {DeviceKindNames.All}");
            }
            else if (kind != defaultKind && d.Adapter!.ToUpperInvariant() is "P1" or "OCPP")
            {
                problems.Add($"{at}: a {d.Adapter} device is always {DeviceKindNames.NameOf(defaultKind)}; remove kind '{d.Kind}'");
            }

            if (d.NameplateW <= 0)
            {
                problems.Add($"{at}: nameplate_w must be the device's rated power in W (more than 0)");
            }

            if (kind == DeviceKind.Battery && d.CapacityWh <= 0)
            {
                problems.Add($"{at}: a battery needs capacity_wh (its usable capacity in Wh)");
            }

            var region = d.Region ?? file.Gateway.Region;
            if (string.IsNullOrWhiteSpace(region))
            {
                problems.Add($"{at}: region is missing (set it on the device or gateway.region)");
            }

            var poll = d.Poll is null ? null : Duration(d.Poll, $"{at}: poll", problems);
            var offlineAfter = d.OfflineAfter is null ? null : Duration(d.OfflineAfter, $"{at}: offline_after", problems);
            CheckConnection(d, at, stations, problems);
            if (problems.Count == before)
            {
                var site = d.Site ?? file.Gateway.Site ?? (d.Name.Contains('/', StringComparison.Ordinal) ? d.Name[..d.Name.IndexOf('/', StringComparison.Ordinal)] : d.Name);
                devices.Add(new ConfiguredDevice(d, new DeviceDescriptor(d.Name, kind, d.NameplateW, d.CapacityWh, region!, site), poll, offlineAfter));
            }
        }

        foreach (var endpoint in devices.Where(d => d.Entry.Adapter.Equals("sunspec", StringComparison.OrdinalIgnoreCase))
                     .GroupBy(d => (d.Entry.Host, d.Entry.Port ?? 502))
                     .Where(g => g.Select(d => d.Poll).Where(p => p is not null).Distinct().Count() > 1))
        {
            problems.Add($"sunspec {endpoint.Key.Host}:{endpoint.Key.Item2}: its units give different poll periods; they are polled together, so give one (or give it once)");
        }

        if (devices.Where(d => d.Entry.Adapter.Equals("mqtt", StringComparison.OrdinalIgnoreCase)).Select(d => d.OfflineAfter).Where(t => t is not null).Distinct().Count() > 1)
        {
            problems.Add("mqtt devices give different offline_after values; the MQTT adapter uses one for all its devices, so give one (or give it once)");
        }

        if (devices.Count == 0 && problems.Count == 0 && (file.Simulator?.Devices ?? 0) == 0)
        {
            problems.Add("no devices: list some under devices:, or add a simulator: section");
        }

        return problems.Count > 0
            ? throw new GatewayConfigException(path, problems)
            : new GatewayConfig(path, file, interval, maxBackoff, devices);
    }

    private static void CheckConnection(DeviceEntry d, string at, HashSet<string> stations, List<string> problems)
    {
        if (d.Password is not null && !d.Adapter.Equals("ocpp", StringComparison.OrdinalIgnoreCase))
        {
            problems.Add($"{at}: password applies only to ocpp devices (a charger's HTTP Basic password)");
        }

        switch (d.Adapter.ToUpperInvariant())
        {
            case "SUNSPEC":
                Require(d.Host, $"{at}: host is missing (the Modbus TCP address of the inverter, battery or meter)", problems);
                if (d.Port is { } p)
                {
                    Port(p, $"{at}: port", problems);
                }

                if (d.Unit is < 1 or > 247)
                {
                    problems.Add($"{at}: unit must be a Modbus unit id 1-247");
                }

                if (d.OfflineAfter is not null)
                {
                    problems.Add($"{at}: offline_after does not apply to sunspec devices (a unit is offline when it stops answering its polls)");
                }

                break;
            case "P1":
                if ((d.Serial is null) == (d.Host is null))
                {
                    problems.Add($"{at}: give either serial (for example /dev/ttyUSB0) or host and port (a ser2net-style TCP bridge)");
                }
                else if (d.Host is not null)
                {
                    Port(d.Port ?? 0, $"{at}: port", problems);
                }

                if (d.Baud is { } baud && baud is not (9600 or 115200))
                {
                    problems.Add($"{at}: baud must be 115200 (DSMR 4/5) or 9600 (DSMR 2.2/3.0)");
                }

                break;
            case "OCPP":
                if (d.OfflineAfter is not null)
                {
                    problems.Add($"{at}: offline_after does not apply to ocpp devices (a charger is offline when its connection closes)");
                }

                if (string.IsNullOrWhiteSpace(d.StationId))
                {
                    problems.Add($"{at}: station_id is missing (the charger connects to ws://HOST:PORT/ocpp/<station_id>)");
                }
                else if (!stations.Add(d.StationId))
                {
                    problems.Add($"{at}: station_id '{d.StationId}' is used by another device");
                }

                if (d.Password is not null && Protocols.Ocpp.Transport.OcppStationAccess.CheckPassword(d.Password) is { } weak)
                {
                    problems.Add($"{at}: {weak}");
                }

                break;
            case "MQTT":
                // Presets, topics, paths and units are checked by the MQTT adapter's own options (ConfiguredAdapters).
                if (d.Preset is null && d.Mappings.Count == 0)
                {
                    problems.Add($"{at}: give a preset (with preset_args) or mappings");
                }

                break;
        }
    }

    private static void Require(string? value, string problem, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            problems.Add(problem);
        }
    }

    private static void Port(int port, string at, List<string> problems)
    {
        if (port is < 1 or > 65535)
        {
            problems.Add($"{at} must be a TCP port 1-65535");
        }
    }

    private static TimeSpan? Duration(string? text, string at, List<string> problems)
    {
        var parsed = DurationText.Parse(text);
        if (parsed is null)
        {
            problems.Add($"{at}: '{text}' is not a duration (use {DurationText.Examples})");
        }

        return parsed;
    }
}
