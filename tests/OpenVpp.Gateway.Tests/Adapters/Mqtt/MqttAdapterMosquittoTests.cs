using OpenVpp.Core.Readings;
using OpenVpp.Gateway.Adapters.Mqtt;
using OpenVpp.Gateway.Tests.Support;

namespace OpenVpp.Gateway.Tests.Adapters.Mqtt;

/// <summary>The MQTT adapter against Debian's mosquitto, with mosquitto_pub publishing: neither peer is ours.</summary>
public class MqttAdapterMosquittoTests
{
    private const string PlugTopic = "tele/plug1/SENSOR";

    private static string Tasmota(double totalKWh, int powerW) =>
        "{\"Time\":\"2026-11-25T16:00:00\",\"ENERGY\":{\"Total\":" + totalKWh.ToString(System.Globalization.CultureInfo.InvariantCulture) +
        ",\"Power\":" + powerW.ToString(System.Globalization.CultureInfo.InvariantCulture) + ",\"Voltage\":231}}";

    [Fact]
    public async Task Measures_what_mosquitto_pub_publishes()
    {
        await using var broker = await Mosquitto.StartNewAsync();
        await using var harness = new MqttAdapterHarness(MqttAdapterHarness.Options(new MqttBrokerOptions("127.0.0.1", broker.Port)));
        await Wait.UntilAsync(() => harness.Adapter.IsConnected);
        var start = DateTimeOffset.UtcNow.AddSeconds(-1);

        await Mosquitto.PublishAsync(broker.Port, PlugTopic, Tasmota(3.705, 120));
        await Wait.UntilAsync(() => harness.Plug.Latest?.Registers?.ImportedWh == 3705);
        Assert.Equal(-120, harness.Plug.Latest!.Value.PowerW);

        await Mosquitto.PublishAsync(broker.Port, PlugTopic, Tasmota(3.805, 130));
        await Wait.UntilAsync(() => harness.Plug.Latest?.Registers?.ImportedWh == 3805);

        await Mosquitto.PublishAsync(broker.Port, "home/battery/soc", "61.5");
        await Mosquitto.PublishAsync(broker.Port, "home/battery/inverter/power", """{"value":-1.25}""");
        await Wait.UntilAsync(() => harness.Battery.Latest?.PowerW == -1250);

        var measurements = await harness.Adapter.MeasureAsync(start, DateTimeOffset.UtcNow.AddSeconds(1), CancellationToken.None);
        Assert.Equal(2, measurements.Count);
        var battery = measurements.Single(m => m.DeviceName == "home-1/battery");
        Assert.Equal((ushort)6150, battery.StateOfChargeBp);
        // Peak is at least the sampled 1250 W (a short interval's rounded average can be higher).
        Assert.True(battery.PeakPowerW >= 1250, $"peak {battery.PeakPowerW} W");
        Assert.True(battery.EnergyImportedWh >= 0 && battery.EnergyExportedWh == 0, "a charging battery exports nothing");
        var plug = measurements.Single(m => m.DeviceName == "home-1/plug");
        Assert.Equal(100, plug.EnergyImportedWh);
        Assert.Equal(0, plug.EnergyExportedWh);
        Assert.True(plug.Flags.HasFlag(ReadingStatus.PartialInterval), "energy before the first register is unknown");
        Assert.All(harness.Adapter.LinkStates, s => Assert.True(s.Online));
    }

    [Fact]
    public async Task Rejects_malformed_payloads_with_reasons_and_keeps_good_values()
    {
        await using var broker = await Mosquitto.StartNewAsync();
        await using var harness = new MqttAdapterHarness(MqttAdapterHarness.Options(new MqttBrokerOptions("127.0.0.1", broker.Port)));
        await Wait.UntilAsync(() => harness.Adapter.IsConnected);
        await Mosquitto.PublishAsync(broker.Port, PlugTopic, Tasmota(1.5, 40));
        await Wait.UntilAsync(() => harness.Plug.Latest?.PowerW == -40);

        using var dir = new TempDir();
        var huge = dir.File("huge.json");
        await File.WriteAllTextAsync(huge, "{\"ENERGY\":{\"Power\":1,\"Pad\":\"" + new string('x', 200_000) + "\"}}");

        await Mosquitto.PublishAsync(broker.Port, PlugTopic, "this is not json");
        await Mosquitto.PublishAsync(broker.Port, PlugTopic, """{"ENERGY":{"Power":"lots","Total":true}}""");
        await Mosquitto.PublishAsync(broker.Port, PlugTopic, null, file: huge);
        await Mosquitto.PublishAsync(broker.Port, "home/battery/soc", "NaN");
        await Mosquitto.PublishAsync(broker.Port, "home/battery/soc", "180");
        await Mosquitto.PublishAsync(broker.Port, "not/mapped/at/all", "1");

        await Wait.UntilAsync(() =>
            harness.Logged("tele/plug1/SENSOR for device home-1/plug rejected: payload is not JSON") &&
            harness.Logged("value at $.ENERGY.Power 'lots' is not a number") &&
            harness.Logged("value at $.ENERGY.Total is true, not a number") &&
            harness.Logged("-byte limit") &&
            harness.Logged("not a finite number") &&
            harness.Logged("outside 0–100 %"));

        // The broker never delivers a topic nobody subscribed to; a topic that slips through (overlapping wildcards) is named.
        harness.Adapter.OnMessage("not/mapped/at/all", new System.Buffers.ReadOnlySequence<byte>("1"u8.ToArray()));
        Assert.True(harness.Logged("not/mapped/at/all matches no device mapping"));

        Assert.Equal(-40, harness.Plug.Latest!.Value.PowerW);
        Assert.Equal(1500, harness.Plug.Latest!.Value.Registers!.Value.ImportedWh);
        Assert.Null(harness.Battery.Latest);
        Assert.False(harness.Run.IsCompleted);

        await Mosquitto.PublishAsync(broker.Port, PlugTopic, Tasmota(1.6, 50));
        await Wait.UntilAsync(() => harness.Plug.Latest?.PowerW == -50);
        Assert.Contains("outside 0–100 %", harness.Adapter.LinkStates.Single(s => s.DeviceName == "home-1/battery").LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reconnects_and_resubscribes_after_mosquitto_restarts()
    {
        await using var broker = await Mosquitto.StartNewAsync();
        await using var harness = new MqttAdapterHarness(MqttAdapterHarness.Options(new MqttBrokerOptions("127.0.0.1", broker.Port)));
        await Wait.UntilAsync(() => harness.Adapter.IsConnected);
        await Mosquitto.PublishAsync(broker.Port, PlugTopic, Tasmota(2.0, 10));
        await Wait.UntilAsync(() => harness.Plug.Latest?.PowerW == -10);

        await broker.KillAsync();
        await Wait.UntilAsync(() => !harness.Adapter.IsConnected);
        var down = harness.Adapter.LinkStates.Single(s => s.DeviceName == "home-1/plug");
        Assert.False(down.Online);
        Assert.Contains("unreachable", down.LastError, StringComparison.Ordinal);
        await Wait.UntilAsync(() => harness.Logged("is unreachable"));

        await broker.StartAsync();
        await Wait.UntilAsync(() => harness.Adapter.IsConnected);
        await Mosquitto.PublishAsync(broker.Port, PlugTopic, Tasmota(2.1, 20));
        await Wait.UntilAsync(() => harness.Plug.Latest?.PowerW == -20);
        Assert.Equal(2100, harness.Plug.Latest!.Value.Registers!.Value.ImportedWh);
        Assert.True(harness.Adapter.LinkStates.Single(s => s.DeviceName == "home-1/plug").Online);
    }

    [Fact]
    public async Task A_device_whose_topics_go_quiet_is_offline()
    {
        await using var broker = await Mosquitto.StartNewAsync();
        var options = MqttAdapterHarness.Options(new MqttBrokerOptions("127.0.0.1", broker.Port)) with { OfflineAfter = TimeSpan.FromMilliseconds(300) };
        await using var harness = new MqttAdapterHarness(options);
        await Wait.UntilAsync(() => harness.Adapter.IsConnected);
        await Mosquitto.PublishAsync(broker.Port, PlugTopic, Tasmota(2.0, 10));
        await Wait.UntilAsync(() => harness.Plug.Latest is not null);

        await Wait.UntilAsync(() => harness.Logged("MQTT device home-1/plug is offline"));
        var state = harness.Adapter.LinkStates.Single(s => s.DeviceName == "home-1/plug");
        Assert.False(state.Online);
        Assert.Contains("no message", state.LastError, StringComparison.Ordinal);

        await Mosquitto.PublishAsync(broker.Port, PlugTopic, Tasmota(2.0, 10));
        await Wait.UntilAsync(() => harness.Adapter.LinkStates.Single(s => s.DeviceName == "home-1/plug").Online);
    }

    [Fact]
    public async Task Refused_credentials_are_logged_and_retried_and_the_right_ones_connect()
    {
        var credentials = ("openvpp", "s3cret");
        await using var broker = await Mosquitto.StartNewAsync(credentials);
        await using (var wrong = new MqttAdapterHarness(MqttAdapterHarness.Options(new MqttBrokerOptions("127.0.0.1", broker.Port, "openvpp", "wrong"))))
        {
            await Wait.UntilAsync(() => wrong.Log.Lines.Count(l => l.Message.Contains("is unreachable", StringComparison.Ordinal)) >= 2);
            Assert.False(wrong.Adapter.IsConnected);
            Assert.False(wrong.Run.IsCompleted);
            Assert.Contains("unreachable", wrong.Adapter.LinkStates[0].LastError, StringComparison.Ordinal);
            // The operator learns why: the broker's refusal code, not just "failed".
            Assert.Contains(wrong.Log.Lines, l => l.Message.Contains("NotAuthorized", StringComparison.Ordinal) || l.Message.Contains("BadUserNameOrPassword", StringComparison.Ordinal));
        }

        await using var right = new MqttAdapterHarness(MqttAdapterHarness.Options(new MqttBrokerOptions("127.0.0.1", broker.Port, "openvpp", "s3cret")));
        await Wait.UntilAsync(() => right.Adapter.IsConnected);
        await Mosquitto.PublishAsync(broker.Port, PlugTopic, Tasmota(1.0, 5), credentials: credentials);
        await Wait.UntilAsync(() => right.Plug.Latest?.PowerW == -5);
    }

    [Fact]
    public async Task A_retained_value_of_unknown_age_is_not_taken_for_a_measurement()
    {
        await using var broker = await Mosquitto.StartNewAsync();
        await Mosquitto.PublishAsync(broker.Port, PlugTopic, Tasmota(9.0, 999), retain: true);
        await using var harness = new MqttAdapterHarness(MqttAdapterHarness.Options(new MqttBrokerOptions("127.0.0.1", broker.Port)));
        await Wait.UntilAsync(() => harness.Logged("Skipped the retained MQTT message on tele/plug1/SENSOR"));
        Assert.Null(harness.Plug.Latest);
        Assert.False(harness.Adapter.LinkStates.Single(s => s.DeviceName == "home-1/plug").Online);

        // A device that publishes with the retain flag still reaches live subscribers without it.
        await Mosquitto.PublishAsync(broker.Port, PlugTopic, Tasmota(9.1, 100), retain: true);
        await Wait.UntilAsync(() => harness.Plug.Latest?.PowerW == -100);
    }
}
