using Microsoft.Extensions.Logging.Abstractions;
using OpenVpp.Core.Devices;
using OpenVpp.Core.Readings;
using OpenVpp.Gateway.Adapters.Mqtt;
using OpenVpp.Gateway.Producer;
using OpenVpp.Gateway.Tests.Support;

namespace OpenVpp.Gateway.Tests.Adapters.Mqtt;

/// <summary>The embedded broker with mosquitto_pub and mosquitto_sub as independent clients, and the adapter's default use of it.</summary>
public class EmbeddedMqttBrokerTests
{
    [Fact]
    public async Task Relays_messages_between_mosquitto_clients()
    {
        var port = FreePort.Next();
        await using var broker = new EmbeddedMqttBroker(port);
        await broker.StartAsync();
        await using var subscriber = await MosquittoSubscriber.StartAsync(port, "house/+/power");

        await Mosquitto.PublishAsync(port, "house/heatpump/power", "1830");
        await Mosquitto.PublishAsync(port, "house/meter/energy", "99");
        await Mosquitto.PublishAsync(port, "house/pv/power", "-2400", retain: true);
        await Wait.UntilAsync(() => subscriber.Messages.Count >= 2);

        Assert.Equal(["house/heatpump/power 1830", "house/pv/power -2400"], subscriber.Messages.Select(m => $"{m.Topic} {m.Payload}"));
        await using var late = await MosquittoSubscriber.StartAsync(port, "house/pv/power");
        await Wait.UntilAsync(() => !late.Messages.IsEmpty);
        Assert.True(late.Messages.Single().Retained);
    }

    [Fact]
    public async Task Listens_on_loopback_by_default()
    {
        await using var broker = new EmbeddedMqttBroker(FreePort.Next());
        Assert.Equal(System.Net.IPAddress.Loopback, broker.Address);
    }

    [Fact]
    public async Task The_adapter_runs_the_embedded_broker_when_no_broker_is_configured()
    {
        var port = FreePort.Next();
        await using var harness = new MqttAdapterHarness(MqttAdapterHarness.Options(broker: null, embeddedPort: port));
        await Wait.UntilAsync(() => harness.Adapter.IsConnected);
        Assert.True(harness.Logged($"Embedded MQTT broker listening on 127.0.0.1:{port}"));

        await Mosquitto.PublishAsync(port, "tele/plug1/SENSOR", """{"ENERGY":{"Total":12.5,"Power":300}}""");
        await Mosquitto.PublishAsync(port, "tele/plug1/SENSOR", "garbage");
        await Wait.UntilAsync(() => harness.Plug.Latest?.Registers?.ImportedWh == 12_500 && harness.Logged("payload is not JSON"));
        Assert.Equal(-300, harness.Plug.Latest!.Value.PowerW);
    }

    [Fact]
    public async Task The_publisher_reaches_mosquitto_sub_through_the_embedded_broker()
    {
        var port = FreePort.Next();
        await using var broker = new EmbeddedMqttBroker(port);
        await broker.StartAsync();
        await using var subscriber = await MosquittoSubscriber.StartAsync(port, "openvpp/#");
        var publisher = new MqttReadingPublisher(
            new MqttPublisherOptions("gw-e", new MqttBrokerOptions("127.0.0.1", port)), [], TimeProvider.System, NullLogger<MqttReadingPublisher>.Instance);
        using var stop = new CancellationTokenSource();
        var run = publisher.RunAsync(stop.Token);

        var start = new DateTimeOffset(2026, 11, 25, 16, 0, 0, TimeSpan.Zero);
        var reading = new Reading(DeviceId.Parse("0x" + new string('c', 40)), 1, start, start.AddMinutes(15), 0, 250, 1000, 1200, null, null, ReadingStatus.None);
        publisher.OnIntervalCommitted(new CommittedInterval(start, start.AddMinutes(15), [new CommittedReading("pv", reading, new byte[SignedReading.Length])]));
        await Wait.UntilAsync(() => subscriber.Messages.Any(m => m.Topic == "openvpp/gw-e/devices/pv/reading" && m.Payload.Contains("\"energyExportedWh\":250", StringComparison.Ordinal)));
        Assert.Contains(subscriber.Messages, m => m is { Topic: "openvpp/gw-e/status", Payload: "online" });

        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(10));
        await Wait.UntilAsync(() => subscriber.Messages.Any(m => m is { Topic: "openvpp/gw-e/status", Payload: "offline" }));
    }

    [Fact]
    public async Task The_adapter_keeps_retrying_when_the_embedded_port_is_taken()
    {
        var port = FreePort.Next();
        await using (var squatter = new EmbeddedMqttBroker(port))
        {
            await squatter.StartAsync();
            await using var harness = new MqttAdapterHarness(MqttAdapterHarness.Options(broker: null, embeddedPort: port));
            await Wait.UntilAsync(() => harness.Logged($"could not listen on port {port}"));
            Assert.False(harness.Run.IsCompleted);
            Assert.All(harness.Adapter.LinkStates, s => Assert.Contains("embedded broker not listening", s.LastError, StringComparison.Ordinal));
        }
    }
}
