using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using MQTTnet;
using MQTTnet.Protocol;
using OpenVpp.Gateway.Producer;
using OpenVpp.Gateway.Uplink;

namespace OpenVpp.Gateway.Adapters.Mqtt;

/// <summary>
/// Publishes the gateway's own signed readings and status to MQTT, for home automation and local dashboards:
/// each reading as JSON on <c>openvpp/&lt;gateway&gt;/devices/&lt;device&gt;/reading</c>, each live device's link state
/// retained on <c>.../devices/&lt;device&gt;/status</c> when it changes, and the gateway's <c>online</c>/<c>offline</c>
/// retained on <c>openvpp/&lt;gateway&gt;/status</c>, with <c>offline</c> as the last will for a crash. Best effort:
/// the outbox, not MQTT, is the record; a full queue drops the oldest messages.
/// Device names become one topic level: '/', '+' and '#' in them are replaced by '_' (the JSON keeps the real name).
/// </summary>
public sealed class MqttReadingPublisher : IIntervalCommitObserver
{
    private readonly MqttPublisherOptions _options;
    private readonly IReadOnlyList<ILiveDeviceAdapter> _linkSources;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Channel<MqttApplicationMessage> _queue;
    private readonly Dictionary<string, string> _publishedStatus = new(StringComparer.Ordinal);
    private readonly Lock _statusGate = new();
    private long _dropped;
    private volatile bool _isConnected;

    public MqttReadingPublisher(
        MqttPublisherOptions options, IEnumerable<ILiveDeviceAdapter> linkSources, TimeProvider time, ILogger<MqttReadingPublisher> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.GatewayName);
        _options = options;
        _linkSources = [.. linkSources];
        _time = time;
        _logger = logger;
        _queue = Channel.CreateBounded<MqttApplicationMessage>(
            new BoundedChannelOptions(options.QueueCapacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
            _ => Interlocked.Increment(ref _dropped));
        GatewayTopic = $"{options.TopicRoot}/{TopicLevel(options.GatewayName)}";
    }

    /// <summary>The gateway's topic, e.g. "openvpp/gw1"; its status is on GatewayTopic + "/status".</summary>
    public string GatewayTopic { get; }

    /// <summary>Whether the publisher is connected now.</summary>
    public bool IsConnected
    {
        get => _isConnected;
        private set => _isConnected = value;
    }

    /// <summary>The topic a device's readings go to.</summary>
    public string ReadingTopic(string deviceName) => $"{GatewayTopic}/devices/{TopicLevel(deviceName)}/reading";

    public void OnIntervalCommitted(CommittedInterval interval)
    {
        ArgumentNullException.ThrowIfNull(interval);
        foreach (var r in interval.Readings)
        {
            Enqueue(Message(ReadingTopic(r.DeviceName), ReadingJson(r), retain: false));
        }

        QueueChangedLinkStates();
    }

    /// <summary>Runs until cancelled: connects (with backoff), announces the gateway online and publishes the queue; on stop, announces it offline.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var broker = _options.Broker;
        var statusTopic = GatewayTopic + "/status";
        var backoff = new ExponentialBackoff(_options.ReconnectInitial, _options.ReconnectMax);
        using var client = new MqttClientFactory().CreateMqttClient();
        var options = MqttConnection.Options(broker, "openvpp-publisher")
            .WithWillTopic(statusTopic)
            .WithWillPayload("offline"u8.ToArray())
            .WithWillRetain(true)
            .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build();
        MqttApplicationMessage? pending = null;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                try
                {
                    if (!client.IsConnected)
                    {
                        IsConnected = false;
                        await client.ConnectAsync(options, cancellationToken).ConfigureAwait(false);
                        await client.PublishAsync(Message(statusTopic, "online", retain: true), cancellationToken).ConfigureAwait(false);
                        IsConnected = true;
                        backoff.Reset();
                        MqttLog.PublisherConnected(_logger, broker.ToString(), GatewayTopic);
                        // A restarted broker may have lost retained messages: state every device's link again after
                        // the next interval, even if unchanged.
                        lock (_statusGate)
                        {
                            _publishedStatus.Clear();
                        }
                    }

                    pending ??= await _queue.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                    ReportDrops();
                    await client.PublishAsync(pending, cancellationToken).ConfigureAwait(false);
                    pending = null;
                }
                catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    IsConnected = false;
                    var delay = backoff.Next();
                    MqttLog.PublisherConnectFailed(_logger, broker.ToString(), e.InnerException?.Message ?? e.Message, delay);
                    await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        finally
        {
            await GoOfflineAsync(client, statusTopic).ConfigureAwait(false);
        }
    }

    private async Task GoOfflineAsync(IMqttClient client, string statusTopic)
    {
        IsConnected = false;
        if (!client.IsConnected)
        {
            return;
        }

        // A clean disconnect does not fire the last will, so say "offline" ourselves.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await client.PublishAsync(Message(statusTopic, "offline", retain: true), timeout.Token).ConfigureAwait(false);
            await client.DisconnectAsync(new MqttClientDisconnectOptions(), timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or MQTTnet.Exceptions.MqttCommunicationException)
        {
            // The broker went away while stopping; the last will says offline for us.
        }
    }

    private void QueueChangedLinkStates()
    {
        foreach (var state in _linkSources.SelectMany(s => s.LinkStates))
        {
            var json = StatusJson(state);
            lock (_statusGate)
            {
                if (_publishedStatus.TryGetValue(state.DeviceName, out var previous) && previous == json)
                {
                    continue;
                }

                _publishedStatus[state.DeviceName] = json;
            }

            Enqueue(Message($"{GatewayTopic}/devices/{TopicLevel(state.DeviceName)}/status", json, retain: true));
        }
    }

    private void Enqueue(MqttApplicationMessage message) => _queue.Writer.TryWrite(message);

    private void ReportDrops()
    {
        var dropped = Interlocked.Exchange(ref _dropped, 0);
        if (dropped > 0)
        {
            MqttLog.PublisherDropped(_logger, dropped);
        }
    }

    private static MqttApplicationMessage Message(string topic, string payload, bool retain) =>
        new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(Encoding.UTF8.GetBytes(payload))
            .WithRetainFlag(retain)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build();

    private static string TopicLevel(string name) => name.Replace('/', '_').Replace('+', '_').Replace('#', '_');

    private static string ReadingJson(CommittedReading committed)
    {
        var r = committed.Reading;
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("device", committed.DeviceName);
            json.WriteString("deviceId", r.DeviceId.ToString());
            json.WriteNumber("sequence", r.Sequence);
            json.WriteString("intervalStart", r.IntervalStart.ToString("O", CultureInfo.InvariantCulture));
            json.WriteString("intervalEnd", r.IntervalEnd.ToString("O", CultureInfo.InvariantCulture));
            json.WriteNumber("energyImportedWh", r.EnergyImportedWh);
            json.WriteNumber("energyExportedWh", r.EnergyExportedWh);
            json.WriteNumber("averagePowerW", r.AveragePowerW);
            json.WriteNumber("peakPowerW", r.PeakPowerW);
            WriteNullable(json, "stateOfChargeBp", r.StateOfChargeBp);
            WriteNullable(json, "stateOfHealthBp", r.StateOfHealthBp);
            json.WriteString("flags", r.Flags.ToString());
            // The exact bytes the node verifies, so a subscriber can check the signature itself.
            json.WriteString("signed", Convert.ToBase64String(committed.SignedBytes));
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static string StatusJson(DeviceLinkState state)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("device", state.DeviceName);
            json.WriteBoolean("online", state.Online);
            if (state.Since is { } since)
            {
                json.WriteString("since", since.ToString("O", CultureInfo.InvariantCulture));
            }
            else
            {
                json.WriteNull("since");
            }

            json.WriteString("lastError", state.LastError);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteNullable(Utf8JsonWriter json, string name, ushort? value)
    {
        if (value is { } v)
        {
            json.WriteNumber(name, v);
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
