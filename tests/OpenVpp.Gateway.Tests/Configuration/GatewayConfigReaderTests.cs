using OpenVpp.Core.Devices;
using OpenVpp.Gateway.Configuration;
using OpenVpp.Protocols.Ocpp;

namespace OpenVpp.Gateway.Tests.Configuration;

public sealed class GatewayConfigReaderTests
{
    private const string Mixed = """
        gateway:
          node: http://127.0.0.1:8640
          interval: 5m
          region: NL-NH
        simulator:
          devices: 4
        ocpp:
          port: 9300
        devices:
          - name: home-1/meter
            adapter: p1
            host: 127.0.0.1
            port: 2001
            nameplate_w: 17250
          - name: home-1/pv
            adapter: sunspec
            host: 127.0.0.1
            unit: 1
            nameplate_w: 5000
            poll: 5s
          - name: home-1/battery
            adapter: sunspec
            kind: battery
            host: 127.0.0.1
            unit: 2
            nameplate_w: 5000
            capacity_wh: 10000
            region: NL-NB
          - name: home-1/charger
            adapter: ocpp
            station_id: CP-001
            nameplate_w: 11000
          - name: home-1/plug
            adapter: mqtt
            nameplate_w: 3680
            mappings:
              - topic: tele/plug/SENSOR
                path: $.ENERGY.Power
                quantity: power
                unit: W
                invert: true
        """;

    [Fact]
    public void A_mixed_config_gives_each_device_its_kind_region_site_and_defaults()
    {
        var config = GatewayConfigReader.Parse(Mixed);

        Assert.Equal(TimeSpan.FromMinutes(5), config.Interval);
        Assert.Equal(5, config.Devices.Count);
        var battery = config.Devices.Single(d => d.Descriptor.Name == "home-1/battery").Descriptor;
        Assert.Equal(DeviceKind.Battery, battery.Kind);
        Assert.Equal("NL-NB", battery.Region);
        Assert.Equal("home-1", battery.Site);
        var meter = config.Devices.Single(d => d.Descriptor.Name == "home-1/meter").Descriptor;
        Assert.Equal(DeviceKind.GridMeter, meter.Kind);
        Assert.Equal("NL-NH", meter.Region);
        Assert.Equal(DeviceKind.EvCharger, config.DevicesOf("ocpp").Single().Descriptor.Kind);
        Assert.Equal(TimeSpan.FromSeconds(5), config.DevicesOf("sunspec").First().Poll);
        Assert.True(config.DevicesOf("mqtt").Single().Entry.Mappings.Single().Invert);
        Assert.Equal(9300, config.File.Ocpp.Port);

        var options = config.ToOptions(DateTimeOffset.UnixEpoch, dataDir: "/tmp/gw");
        Assert.Equal(4, options.DeviceCount);
        Assert.Equal("/tmp/gw", options.DataDir);
        Assert.Equal(["NL-NH"], options.Regions);
    }

    [Fact]
    public void An_unknown_key_is_named_with_its_line()
    {
        var e = Assert.Throws<GatewayConfigException>(() => GatewayConfigReader.Parse("""
            devices:
              - name: a
                adapter: p1
                nameplate_kw: 17
            """));

        var problem = Assert.Single(e.Problems);
        Assert.Contains("line 4", problem, StringComparison.Ordinal);
        Assert.Contains("unknown key 'nameplate_kw' in a device under devices:", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_problem_is_listed_with_its_device_and_key()
    {
        var e = Assert.Throws<GatewayConfigException>(() => GatewayConfigReader.Parse("""
            gateway:
              interval: soon
            devices:
              - name: a
                adapter: p1
                nameplate_w: 100
                region: NL-NH
              - name: a
                adapter: zigbee
              - name: c
                adapter: ocpp
                kind: heat_pump
                region: NL-NH
              - name: d
                adapter: sunspec
                kind: battery
                nameplate_w: 3000
                region: NL-NH
                host: 10.0.0.5
            """));

        Assert.Contains(e.Problems, p => p.Contains("gateway.interval", StringComparison.Ordinal) && p.Contains("soon", StringComparison.Ordinal));
        Assert.Contains(e.Problems, p => p.StartsWith("devices[0] (a)", StringComparison.Ordinal) && p.Contains("serial", StringComparison.Ordinal));
        Assert.Contains(e.Problems, p => p.StartsWith("devices[1] (a)", StringComparison.Ordinal) && p.Contains("unique", StringComparison.Ordinal));
        Assert.Contains(e.Problems, p => p.StartsWith("devices[1] (a)", StringComparison.Ordinal) && p.Contains("'zigbee'", StringComparison.Ordinal));
        Assert.Contains(e.Problems, p => p.StartsWith("devices[2] (c)", StringComparison.Ordinal) && p.Contains("heat_pump", StringComparison.Ordinal));
        Assert.Contains(e.Problems, p => p.StartsWith("devices[2] (c)", StringComparison.Ordinal) && p.Contains("station_id", StringComparison.Ordinal));
        Assert.Contains(e.Problems, p => p.StartsWith("devices[2] (c)", StringComparison.Ordinal) && p.Contains("nameplate_w", StringComparison.Ordinal));
        Assert.Contains(e.Problems, p => p.StartsWith("devices[3] (d)", StringComparison.Ordinal) && p.Contains("capacity_wh", StringComparison.Ordinal));
        Assert.Contains("problem(s)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_config_with_nothing_to_run_is_refused()
    {
        var e = Assert.Throws<GatewayConfigException>(() => GatewayConfigReader.Parse("gateway:\n  region: NL-NH\n"));
        Assert.Contains("no devices", Assert.Single(e.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_is_a_config_error_naming_the_path()
    {
        var path = Path.Combine(Path.GetTempPath(), $"missing-{Guid.NewGuid():N}.yaml");
        var e = Assert.Throws<GatewayConfigException>(() => GatewayConfigReader.Load(path));
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Devices_sharing_a_connection_share_an_adapter_and_each_adapter_checks_its_own_options()
    {
        var config = GatewayConfigReader.Parse(Mixed);

        var endpoint = Assert.Single(config.Adapters.SunSpec);
        Assert.Equal(["home-1/pv", "home-1/battery"], endpoint.Units.Select(u => u.DeviceName));
        Assert.Equal(502, endpoint.Port);
        Assert.Equal("127.0.0.1:2001", Assert.Single(config.Adapters.P1).TcpEndpoint);
        Assert.Equal("CP-001", Assert.Single(config.Adapters.Ocpp!.Stations).StationId);
        Assert.Equal(9300, config.Adapters.Ocpp.Port);
        Assert.Null(config.Adapters.Mqtt!.Broker);
        Assert.Equal("127.0.0.1", config.Adapters.Publisher!.Broker.Host);

        var e = Assert.Throws<GatewayConfigException>(() => GatewayConfigReader.Parse("""
            gateway: { region: NL-NH }
            devices:
              - { name: pv, adapter: sunspec, kind: ev_charger, host: 10.0.0.5, unit: 1, nameplate_w: 5000 }
              - { name: plug, adapter: mqtt, preset: no-such-device, nameplate_w: 3000 }
              - { name: sensor, adapter: mqtt, nameplate_w: 3000, mappings: [{ topic: a/b, quantity: power, unit: kWh }] }
            """));
        Assert.Contains(e.Problems, p => p.StartsWith("sunspec 10.0.0.5:502", StringComparison.Ordinal) && p.Contains("EvCharger", StringComparison.Ordinal));
        Assert.Contains(e.Problems, p => p.Contains("no-such-device", StringComparison.Ordinal) && p.Contains("tasmota-energy", StringComparison.Ordinal));
        Assert.Contains(e.Problems, p => p.Contains("does not fit", StringComparison.Ordinal));
    }

    [Fact]
    public void Settings_an_adapter_cannot_honour_per_device_are_refused_rather_than_ignored()
    {
        var e = Assert.Throws<GatewayConfigException>(() => GatewayConfigReader.Parse("""
            gateway: { region: NL-NH, interval: 15 }
            devices:
              - { name: meter, adapter: p1, kind: battery, capacity_wh: 1, host: 127.0.0.1, port: 2001, nameplate_w: 17250 }
              - { name: ev, adapter: ocpp, station_id: CP1, nameplate_w: 11000, offline_after: 1m }
              - { name: pv, adapter: sunspec, host: 10.0.0.5, unit: 1, poll: 5s, nameplate_w: 5000 }
              - { name: bat, adapter: sunspec, kind: battery, capacity_wh: 9000, host: 10.0.0.5, unit: 2, poll: 10s, nameplate_w: 5000 }
              - { name: inv, adapter: sunspec, host: 10.0.0.6, unit: 248, nameplate_w: 5000 }
            """));

        Assert.Contains(e.Problems, p => p.Contains("gateway.interval", StringComparison.Ordinal) && p.Contains("'15'", StringComparison.Ordinal));
        Assert.Contains(e.Problems, p => p.StartsWith("devices[0] (meter)", StringComparison.Ordinal) && p.Contains("always grid_meter", StringComparison.Ordinal));
        Assert.Contains(e.Problems, p => p.StartsWith("devices[1] (ev)", StringComparison.Ordinal) && p.Contains("offline_after does not apply", StringComparison.Ordinal));
        Assert.Contains(e.Problems, p => p.StartsWith("sunspec 10.0.0.5:502", StringComparison.Ordinal) && p.Contains("different poll periods", StringComparison.Ordinal));
        Assert.Contains(e.Problems, p => p.StartsWith("devices[4] (inv)", StringComparison.Ordinal) && p.Contains("1-247", StringComparison.Ordinal));
    }

    [Fact]
    public void An_ocpp_password_and_allow_unknown_stations_reach_the_adapter()
    {
        var config = GatewayConfigReader.Parse("""
            gateway: { region: NL-NH }
            ocpp: { bind: 0.0.0.0, allow_unknown_stations: true }
            devices:
              - { name: ev-1, adapter: ocpp, station_id: CP1, nameplate_w: 11000, password: "a-sixteen-char-pw" }
              - { name: ev-2, adapter: ocpp, station_id: CP2, nameplate_w: 11000 }
            """);

        var ocpp = config.Adapters.Ocpp!;
        Assert.True(ocpp.AllowUnknownStations);
        Assert.Equal("a-sixteen-char-pw", ocpp.Stations.Single(s => s.StationId == "CP1").Password);
        Assert.Null(ocpp.Stations.Single(s => s.StationId == "CP2").Password);
        Assert.False(GatewayConfigReader.Parse(Mixed).Adapters.Ocpp!.AllowUnknownStations);
        Assert.Equal(OcppProfilePurpose.StationMax, ocpp.LimitPurpose);
    }

    [Fact]
    public void The_limit_profile_can_be_the_transaction_default_and_anything_else_is_refused()
    {
        const string Devices = """
            devices:
              - { name: ev-1, adapter: ocpp, station_id: CP1, nameplate_w: 11000 }
            """;
        var config = GatewayConfigReader.Parse("gateway: { region: NL-NH }\nocpp: { limit_profile: tx_default }\n" + Devices);
        Assert.Equal(OcppProfilePurpose.TxDefault, config.Adapters.Ocpp!.LimitPurpose);

        var e = Assert.Throws<GatewayConfigException>(() => GatewayConfigReader.Parse("gateway: { region: NL-NH }\nocpp: { limit_profile: max }\n" + Devices));
        Assert.Contains(e.Problems, p => p.StartsWith("ocpp.limit_profile", StringComparison.Ordinal) && p.Contains("'max'", StringComparison.Ordinal));
    }

    [Fact]
    public void An_ocpp_password_outside_16_to_40_characters_or_on_another_adapter_is_refused_naming_the_device()
    {
        var e = Assert.Throws<GatewayConfigException>(() => GatewayConfigReader.Parse("""
            gateway: { region: NL-NH }
            devices:
              - { name: short, adapter: ocpp, station_id: CP1, nameplate_w: 11000, password: "fifteen-chars-x" }
              - { name: long, adapter: ocpp, station_id: CP2, nameplate_w: 11000, password: "forty-one-characters-is-one-too-many-abcd" }
              - { name: ok, adapter: ocpp, station_id: CP3, nameplate_w: 11000, password: "forty-characters-is-just-right-abcdefghi" }
              - { name: pv, adapter: sunspec, host: 10.0.0.5, nameplate_w: 5000, password: "a-sixteen-char-pw" }
            """));

        Assert.Contains(e.Problems, p => p.StartsWith("devices[0] (short)", StringComparison.Ordinal) && p.Contains("16 to 40 characters", StringComparison.Ordinal));
        Assert.Contains(e.Problems, p => p.StartsWith("devices[1] (long)", StringComparison.Ordinal) && p.Contains("16 to 40 characters", StringComparison.Ordinal));
        Assert.DoesNotContain(e.Problems, p => p.StartsWith("devices[2]", StringComparison.Ordinal));
        Assert.Contains(e.Problems, p => p.StartsWith("devices[3] (pv)", StringComparison.Ordinal) && p.Contains("only to ocpp", StringComparison.Ordinal));
        Assert.DoesNotContain(e.Problems, p => p.Contains("fifteen-chars-x", StringComparison.Ordinal));
    }

    [Fact]
    public void The_example_config_in_the_repository_is_valid()
    {
        var config = GatewayConfigReader.Load(RepoFile("examples", "gateway.yaml"));

        Assert.Equal(["p1", "sunspec", "sunspec", "ocpp", "mqtt"], config.Devices.Select(d => d.Entry.Adapter));
        Assert.Equal(6, config.File.Simulator!.Devices);
    }

    private static string RepoFile(params string[] parts)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "OpenVpp.slnx")))
            {
                return Path.Combine([dir.FullName, .. parts]);
            }
        }

        throw new InvalidOperationException("Not inside the repository.");
    }
}
