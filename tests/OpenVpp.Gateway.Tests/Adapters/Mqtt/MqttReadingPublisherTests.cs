using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using OpenVpp.Core.Devices;
using OpenVpp.Core.Readings;
using OpenVpp.Gateway.Adapters;
using OpenVpp.Gateway.Adapters.Mqtt;
using OpenVpp.Gateway.Producer;
using OpenVpp.Gateway.Tests.Support;

namespace OpenVpp.Gateway.Tests.Adapters.Mqtt;

/// <summary>The publisher's messages as mosquitto_sub sees them through Debian's mosquitto.</summary>
public class MqttReadingPublisherTests
{
    private static CommittedInterval Interval(DeviceId id, ulong sequence)
    {
        var start = new DateTimeOffset(2026, 11, 25, 16, 0, 0, TimeSpan.Zero);
        var reading = new Reading(id, sequence, start, start.AddMinutes(15), 120, 0, -480, 900, 6150, null, ReadingStatus.PartialInterval);
        var signed = Enumerable.Range(0, SignedReading.Length).Select(i => (byte)i).ToArray();
        return new CommittedInterval(start, start.AddMinutes(15), [new CommittedReading("home-1/plug", reading, signed)]);
    }

    [Fact]
    public async Task Readings_and_retained_status_arrive_at_mosquitto_sub()
    {
        await using var broker = await Mosquitto.StartNewAsync();
        await using var subscriber = await MosquittoSubscriber.StartAsync(broker.Port, "openvpp/#");
        var links = new LinkSource([new DeviceLinkState("home-1/plug", true, DateTimeOffset.UnixEpoch, null)]);
        var publisher = new MqttReadingPublisher(
            new MqttPublisherOptions("gw-1", new MqttBrokerOptions("127.0.0.1", broker.Port)), [links], TimeProvider.System,
            NullLogger<MqttReadingPublisher>.Instance);
        using var stop = new CancellationTokenSource();
        var run = publisher.RunAsync(stop.Token);

        var id = DeviceId.Parse("0x" + new string('a', 40));
        publisher.OnIntervalCommitted(Interval(id, 7));
        // The reading is queued before the device's status, and one connection keeps the order: wait for the status.
        await Wait.UntilAsync(() => subscriber.Messages.Any(m => m.Topic == "openvpp/gw-1/devices/home-1_plug/status"));

        Assert.Contains(subscriber.Messages, m => m is { Topic: "openvpp/gw-1/status", Payload: "online" });
        var reading = subscriber.Messages.Single(m => m.Topic.EndsWith("/reading", StringComparison.Ordinal));
        using (var json = JsonDocument.Parse(reading.Payload))
        {
            var root = json.RootElement;
            Assert.Equal("home-1/plug", root.GetProperty("device").GetString());
            Assert.Equal(7UL, root.GetProperty("sequence").GetUInt64());
            Assert.Equal(120, root.GetProperty("energyImportedWh").GetInt64());
            Assert.Equal(6150, root.GetProperty("stateOfChargeBp").GetInt32());
            Assert.Equal(JsonValueKind.Null, root.GetProperty("stateOfHealthBp").ValueKind);
            Assert.Equal(SignedReading.Length, Convert.FromBase64String(root.GetProperty("signed").GetString()!).Length);
        }

        var status = subscriber.Messages.Single(m => m.Topic == "openvpp/gw-1/devices/home-1_plug/status");
        Assert.Contains("\"online\":true", status.Payload, StringComparison.Ordinal);

        // A state change is published; an unchanged state is not published again.
        links.States = [new DeviceLinkState("home-1/plug", false, DateTimeOffset.UnixEpoch, "no message for 00:02:00")];
        publisher.OnIntervalCommitted(Interval(id, 8));
        publisher.OnIntervalCommitted(Interval(id, 9));
        await Wait.UntilAsync(() => subscriber.Messages.Count(m => m.Topic.EndsWith("/reading", StringComparison.Ordinal)) == 3);
        Assert.Equal(2, subscriber.Messages.Count(m => m.Topic.EndsWith("/home-1_plug/status", StringComparison.Ordinal)));

        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(10));

        // A late subscriber gets the retained states: the gateway offline, the device's last link state.
        await using var late = await MosquittoSubscriber.StartAsync(broker.Port, "openvpp/#");
        await Wait.UntilAsync(() => late.Messages.Count >= 2);
        Assert.Contains(late.Messages, m => m is { Retained: true, Topic: "openvpp/gw-1/status", Payload: "offline" });
        Assert.Contains(late.Messages, m => m.Retained && m.Topic == "openvpp/gw-1/devices/home-1_plug/status" && m.Payload.Contains("no message", StringComparison.Ordinal));
        Assert.DoesNotContain(late.Messages, m => m.Topic.EndsWith("/reading", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Queued_readings_are_published_once_the_broker_is_reachable()
    {
        await using var broker = await Mosquitto.StartNewAsync();
        await using var subscriber = await MosquittoSubscriber.StartAsync(broker.Port, "openvpp/gw-2/devices/#");
        // The publisher reaches the broker through a path that is closed at first.
        var pathPort = FreePort.Next();
        var publisher = new MqttReadingPublisher(
            new MqttPublisherOptions("gw-2", new MqttBrokerOptions("127.0.0.1", pathPort))
            {
                ReconnectInitial = TimeSpan.FromMilliseconds(100),
                ReconnectMax = TimeSpan.FromMilliseconds(300),
            },
            [], TimeProvider.System, NullLogger<MqttReadingPublisher>.Instance);
        using var stop = new CancellationTokenSource();
        var run = publisher.RunAsync(stop.Token);
        publisher.OnIntervalCommitted(Interval(DeviceId.Parse("0x" + new string('b', 40)), 1));
        publisher.OnIntervalCommitted(Interval(DeviceId.Parse("0x" + new string('b', 40)), 2));
        Assert.False(publisher.IsConnected);

        await using (new TcpForwarder(pathPort, broker.Port))
        {
            await Wait.UntilAsync(() => subscriber.Messages.Count(m => m.Topic == "openvpp/gw-2/devices/home-1_plug/reading") == 2);
            await stop.CancelAsync();
            await run.WaitAsync(TimeSpan.FromSeconds(10));
        }

        Assert.Equal(["\"sequence\":1", "\"sequence\":2"], subscriber.Messages.Select(m => m.Payload[m.Payload.IndexOf("\"sequence\"", StringComparison.Ordinal)..].Split(',')[0]));
    }

    [Fact]
    public async Task The_broker_announces_the_gateway_offline_when_its_connection_dies()
    {
        await using var broker = await Mosquitto.StartNewAsync();
        await using var subscriber = await MosquittoSubscriber.StartAsync(broker.Port, "openvpp/gw-3/status");
        var pathPort = FreePort.Next();
        var publisher = new MqttReadingPublisher(
            new MqttPublisherOptions("gw-3", new MqttBrokerOptions("127.0.0.1", pathPort)) { ReconnectInitial = TimeSpan.FromMilliseconds(100) },
            [], TimeProvider.System, NullLogger<MqttReadingPublisher>.Instance);
        using var stop = new CancellationTokenSource();
        Task run;
        await using (new TcpForwarder(pathPort, broker.Port))
        {
            run = publisher.RunAsync(stop.Token);
            await Wait.UntilAsync(() => subscriber.Messages.Any(m => m.Payload == "online"));
        }

        // The path closed without an MQTT DISCONNECT, as when the gateway crashes: the last will speaks.
        await Wait.UntilAsync(() => subscriber.Messages.Any(m => m.Payload == "offline"));
        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(10));
    }

    private sealed class LinkSource(IReadOnlyList<DeviceLinkState> states) : ILiveDeviceAdapter
    {
        public IReadOnlyList<DeviceLinkState> States { get; set; } = states;

        public string Name => "links";

        public IReadOnlyList<IAdapterDevice> Devices => [];

        public IReadOnlyList<DeviceLinkState> LinkStates => States;

        public Task RunAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public ValueTask ResumeAtAsync(DateTimeOffset intervalStart, CancellationToken cancellationToken) => ValueTask.CompletedTask;

        public ValueTask<IReadOnlyList<IntervalMeasurement>> MeasureAsync(DateTimeOffset intervalStart, DateTimeOffset intervalEnd, CancellationToken cancellationToken) =>
            ValueTask.FromResult<IReadOnlyList<IntervalMeasurement>>([]);
    }
}
