using System.Buffers;
using Microsoft.Extensions.Logging;
using MQTTnet;
using MQTTnet.Exceptions;
using OpenVpp.Gateway.Uplink;
using OpenVpp.Protocols.Mqtt;

namespace OpenVpp.Gateway.Adapters.Mqtt;

/// <summary>
/// Devices that publish their values over MQTT (smart plugs, inverters, P1 readers; see
/// <see cref="MqttPresets"/>). Subscribes to every mapping's topic filter, decodes each message into
/// device samples, and closes intervals from them. Reconnects with backoff and subscribes again after a broker
/// restart; a device whose topics go quiet for <see cref="MqttAdapterOptions.OfflineAfter"/> is offline. Bad payloads
/// are logged (rate-limited per topic) and never stop the adapter.
/// </summary>
public sealed class MqttAdapter : ILiveDeviceAdapter
{
    private readonly MqttAdapterOptions _options;
    private readonly MqttBrokerOptions _broker;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly MqttAdapterDevice[] _devices;
    private readonly string[] _filters;
    private readonly RejectionLogLimiter _limiter;
    private readonly Lock _linkGate = new();
    private bool _connected;
    private string? _brokerError = "not connected yet";

    public MqttAdapter(MqttAdapterOptions options, TimeProvider time, ILogger<MqttAdapter> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException($"Invalid MQTT adapter options: {string.Join("; ", errors)}.", nameof(options));
        }

        _options = options;
        _broker = options.Broker ?? new MqttBrokerOptions("127.0.0.1", options.EmbeddedBrokerPort);
        _time = time;
        _logger = logger;
        _devices = [.. options.Devices.Select(d => new MqttAdapterDevice(d.ToDescriptor(), d.ResolveMappings([])))];
        _filters = [.. _devices.SelectMany(d => d.Decoders).Select(m => m.Mapping.TopicFilter).Distinct(StringComparer.Ordinal)];
        _limiter = new RejectionLogLimiter(time, options.RejectionLogInterval);
        Devices = _devices;
    }

    public string Name => $"mqtt:{_broker}";

    public IReadOnlyList<IAdapterDevice> Devices { get; }

    /// <summary>Whether the adapter is connected to its broker and subscribed now.</summary>
    public bool IsConnected
    {
        get
        {
            lock (_linkGate)
            {
                return _connected;
            }
        }
    }

    public IReadOnlyList<DeviceLinkState> LinkStates
    {
        get
        {
            lock (_linkGate)
            {
                return [.. _devices.Select(d => new DeviceLinkState(
                    d.Descriptor.Name, _connected && d.Online, d.OnlineSince, _connected ? d.LastError : _brokerError))];
            }
        }
    }

    /// <summary>The device named <paramref name="name"/>.</summary>
    public MqttAdapterDevice Device(string name) => _devices.First(d => d.Descriptor.Name == name);

    public ValueTask ResumeAtAsync(DateTimeOffset intervalStart, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public ValueTask<IReadOnlyList<IntervalMeasurement>> MeasureAsync(DateTimeOffset intervalStart, DateTimeOffset intervalEnd, CancellationToken cancellationToken)
    {
        var measurements = new List<IntervalMeasurement>(_devices.Length);
        foreach (var device in _devices)
        {
            if (device.Meter.Close(intervalStart, intervalEnd) is { } m)
            {
                measurements.Add(m);
            }
        }

        return ValueTask.FromResult<IReadOnlyList<IntervalMeasurement>>(measurements);
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var backoff = new ExponentialBackoff(_options.ReconnectInitial, _options.ReconnectMax);
        EmbeddedMqttBroker? broker = null;
        using var client = new MqttClientFactory().CreateMqttClient();
        var disconnected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        client.ApplicationMessageReceivedAsync += e =>
        {
            var message = e.ApplicationMessage;
            // A retained message is replayed on subscribing and may be days old (a dead device's last power); it
            // says nothing about now. Brokers clear the flag on live deliveries, so only replays are skipped.
            if (message.Retain)
            {
                MqttLog.RetainedSkipped(_logger, message.Topic);
            }
            else
            {
                OnMessage(message.Topic, message.Payload);
            }

            return Task.CompletedTask;
        };
        client.DisconnectedAsync += e =>
        {
            if (e.ClientWasConnected)
            {
                SetBrokerDown(e.Exception?.Message ?? e.ReasonString ?? e.Reason.ToString());
            }

            disconnected.TrySetResult();
            return Task.CompletedTask;
        };

        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var watch = WatchQuietDevicesAsync(stopping.Token);
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                if (_options.Broker is null && broker is null)
                {
                    broker = await TryStartBrokerAsync(backoff, cancellationToken).ConfigureAwait(false);
                    if (broker is null)
                    {
                        continue;
                    }
                }

                disconnected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                if (!await TryConnectAsync(client, backoff, cancellationToken).ConfigureAwait(false))
                {
                    continue;
                }

                await disconnected.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
                MqttLog.Disconnected(_logger, _broker.ToString(), _brokerError ?? "closed");
                await Task.Delay(backoff.Next(), _time, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        finally
        {
            await stopping.CancelAsync().ConfigureAwait(false);
            await watch.ConfigureAwait(false);
            await DisconnectQuietlyAsync(client).ConfigureAwait(false);
            if (broker is not null)
            {
                await broker.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private static async Task DisconnectQuietlyAsync(IMqttClient client)
    {
        if (!client.IsConnected)
        {
            return;
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await client.DisconnectAsync(new MqttClientDisconnectOptions(), timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or MqttCommunicationException)
        {
            // The broker went away while we stopped; there is nothing left to close.
        }
    }

    /// <summary>Starts a fresh embedded broker, or returns null after logging and waiting when its port is taken.</summary>
    private async Task<EmbeddedMqttBroker?> TryStartBrokerAsync(ExponentialBackoff backoff, CancellationToken cancellationToken)
    {
        // A server whose start failed half-way is not reused: each attempt gets a new one.
        var broker = new EmbeddedMqttBroker(_options.EmbeddedBrokerPort, _options.EmbeddedBrokerOnAllInterfaces);
        try
        {
            await broker.StartAsync().ConfigureAwait(false);
            MqttLog.EmbeddedBrokerStarted(_logger, broker.Address.ToString(), broker.Port);
            return broker;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await broker.DisposeAsync().ConfigureAwait(false);
            var delay = backoff.Next();
            SetBrokerDown($"embedded broker not listening: {e.Message}");
            MqttLog.EmbeddedBrokerFailed(_logger, _options.EmbeddedBrokerPort, e.Message, delay);
            await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
            return null;
        }
    }

    private static readonly TimeSpan SubscribeTimeout = TimeSpan.FromSeconds(10);

    private async Task<bool> TryConnectAsync(IMqttClient client, ExponentialBackoff backoff, CancellationToken cancellationToken)
    {
        string error;
        try
        {
            var result = await client.ConnectAsync(MqttConnection.Options(_broker, "openvpp-adapter").Build(), cancellationToken).ConfigureAwait(false);
            if (result.ResultCode == MqttClientConnectResultCode.Success)
            {
                var subscribe = new MqttClientSubscribeOptionsBuilder();
                foreach (var filter in _filters)
                {
                    subscribe = subscribe.WithTopicFilter(f => f.WithTopic(filter).WithAtLeastOnceQoS());
                }

                // MQTTnet waits for the SUBACK as long as the token lets it: bound it, or a broker that never
                // answers would leave the adapter connected, unsubscribed and waiting forever.
                using var subscribeTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                subscribeTimeout.CancelAfter(SubscribeTimeout);
                var granted = await client.SubscribeAsync(subscribe.Build(), subscribeTimeout.Token).ConfigureAwait(false);
                foreach (var item in granted.Items.Where(i => (int)i.ResultCode > 2))
                {
                    MqttLog.SubscriptionRefused(_logger, _broker.ToString(), item.TopicFilter.Topic, item.ResultCode.ToString());
                }

                lock (_linkGate)
                {
                    _connected = true;
                    _brokerError = null;
                }

                backoff.Reset();
                MqttLog.Connected(_logger, _broker.ToString(), _filters.Length, _devices.Length);
                return true;
            }

            error = $"connection refused: {result.ResultCode} {result.ReasonString}".TrimEnd();
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            error = e.InnerException?.Message ?? e.Message;
        }

        // Connected but the subscription failed (no SUBACK in time, say): a connected client with no subscription
        // would never receive anything and never reconnect. Close it so the next attempt starts over.
        await DisconnectQuietlyAsync(client).ConfigureAwait(false);
        var delay = backoff.Next();
        SetBrokerDown(error);
        MqttLog.ConnectFailed(_logger, _broker.ToString(), error, delay);
        await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
        return false;
    }

    private void SetBrokerDown(string error)
    {
        lock (_linkGate)
        {
            _connected = false;
            _brokerError = $"broker {_broker} unreachable: {error}";
            foreach (var device in _devices)
            {
                device.Online = false;
            }
        }
    }

    /// <summary>Decodes one message for every device mapping whose filter matches its topic.</summary>
    internal void OnMessage(string topic, ReadOnlySequence<byte> payload)
    {
        var now = _time.GetUtcNow();
        // Copy only what a decoder would read: an oversized payload is rejected by its length alone.
        var bytes = payload.Length > MqttMappingDecoder.MaxPayloadBytes ? [] : payload.IsSingleSegment ? payload.FirstSpan : payload.ToArray();
        var matchedAny = false;
        foreach (var device in _devices)
        {
            var indexes = new List<int>();
            for (var i = 0; i < device.Decoders.Count; i++)
            {
                if (MqttTopicFilter.Matches(device.Decoders[i].Mapping.TopicFilter, topic))
                {
                    indexes.Add(i);
                }
            }

            if (indexes.Count == 0)
            {
                continue;
            }

            matchedAny = true;
            var rejections = device.Apply(indexes, bytes, payload.Length, now);
            MarkHeard(device, topic, now);
            foreach (var reason in rejections)
            {
                if (_limiter.ShouldLog(topic, out var suppressed))
                {
                    MqttLog.PayloadRejected(_logger, topic, device.Descriptor.Name, reason, suppressed);
                }
            }
        }

        if (!matchedAny && _limiter.ShouldLog(topic, out var left))
        {
            MqttLog.TopicNotMapped(_logger, topic, left);
        }
    }

    private void MarkHeard(MqttAdapterDevice device, string topic, DateTimeOffset now)
    {
        bool cameOnline;
        lock (_linkGate)
        {
            cameOnline = !device.Online;
            if (cameOnline)
            {
                device.Online = true;
                device.OnlineSince = now;
            }
        }

        if (cameOnline)
        {
            MqttLog.DeviceOnline(_logger, device.Descriptor.Name, topic);
        }
    }

    private async Task WatchQuietDevicesAsync(CancellationToken cancellationToken)
    {
        var period = _options.OfflineAfter / 4 < TimeSpan.FromSeconds(5) ? _options.OfflineAfter / 4 : TimeSpan.FromSeconds(5);
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(period, _time, cancellationToken).ConfigureAwait(false);
                var now = _time.GetUtcNow();
                foreach (var device in _devices)
                {
                    bool wentQuiet;
                    lock (_linkGate)
                    {
                        wentQuiet = device.Online && (device.LastMessageAt is not { } last || now - last >= _options.OfflineAfter);
                        if (wentQuiet)
                        {
                            device.Online = false;
                            device.OnlineSince = now;
                            device.LastError = $"no message for {_options.OfflineAfter}";
                        }
                    }

                    if (wentQuiet)
                    {
                        MqttLog.DeviceOffline(_logger, device.Descriptor.Name, _options.OfflineAfter);
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
