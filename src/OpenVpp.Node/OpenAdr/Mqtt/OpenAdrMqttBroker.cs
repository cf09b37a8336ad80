using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MQTTnet;
using MQTTnet.Protocol;
using MQTTnet.Server;
using OpenVpp.Storage.OpenAdr;

namespace OpenVpp.Node.OpenAdr.Mqtt;

/// <summary>
/// The VTN's MQTT broker for the 3.1 MQTT notifier (MQTTnet.Server). Clients authenticate the spec's
/// OAUTH2_BEARER_TOKEN way: username their clientID, password an access token from auth/token. Business logic may
/// subscribe to any topic; a VEN only under <c>vens/{its own venID}/</c>, so the broker cannot leak another VEN's
/// objects even though MQTT topics have no per-client filtering. Only the VTN itself publishes.
/// </summary>
internal sealed partial class OpenAdrMqttBroker : IHostedService, IAsyncDisposable
{
    private const string PrincipalItem = "openadr-principal";
    private const string TokenItem = "openadr-token";
    private readonly MqttServer _server;
    private readonly OpenAdrAuth _auth;
    private readonly SqliteOpenAdrStore _store;
    private readonly ILogger<OpenAdrMqttBroker> _logger;

    // Random per process: a client cannot pose as the VTN's publisher by choosing this client id.
    private readonly string _publisherId = "openvpp-vtn-" + Guid.NewGuid().ToString("N");

    public OpenAdrMqttBroker(OpenAdrMqttOptions options, OpenAdrAuth auth, SqliteOpenAdrStore store, ILogger<OpenAdrMqttBroker> logger)
    {
        _auth = auth;
        _store = store;
        _logger = logger;
        Address = options.AllInterfaces ? IPAddress.Any : IPAddress.Loopback;
        Port = options.Port == 0 ? FreePort(Address) : options.Port;
        var factory = new MqttServerFactory();
        var serverOptions = factory.CreateServerOptionsBuilder()
            .WithDefaultEndpoint()
            .WithDefaultEndpointPort(Port)
            .WithDefaultEndpointBoundIPAddress(Address)
            .WithDefaultEndpointBoundIPV6Address(options.AllInterfaces ? IPAddress.IPv6Any : IPAddress.IPv6None)
            .Build();
        _server = factory.CreateMqttServer(serverOptions);
        _server.ValidatingConnectionAsync += ValidateConnection;
        _server.InterceptingSubscriptionAsync += InterceptSubscription;
        _server.InterceptingPublishAsync += InterceptPublish;
    }

    public int Port { get; }

    public IPAddress Address { get; }

    /// <summary>Notifications published so far (for status and tests).</summary>
    public long Published => Interlocked.Read(ref _published);

    private long _published;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _server.StartAsync().ConfigureAwait(false);
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            throw new IOException($"The OpenADR MQTT notifier cannot listen on {Address}:{Port}: the port is in use. Pick another (node --openadr-mqtt-port, up --mqtt-port).", e);
        }

        LogListening(_logger, Address, Port);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_server.IsStarted)
        {
            await _server.StopAsync().ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(default).ConfigureAwait(false);
        _server.Dispose();
    }

    /// <summary>Publishes <paramref name="json"/> on <paramref name="topic"/> at QoS 1, not retained.</summary>
    public async Task PublishAsync(string topic, string json, CancellationToken cancellationToken)
    {
        if (!_server.IsStarted)
        {
            return;
        }

        var message = new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(Encoding.UTF8.GetBytes(json))
            .WithContentType("application/json")
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build();
        await _server.InjectApplicationMessage(new InjectedMqttApplicationMessage(message) { SenderClientId = _publisherId }, cancellationToken).ConfigureAwait(false);
        Interlocked.Increment(ref _published);
    }

    private Task ValidateConnection(ValidatingConnectionEventArgs args)
    {
        var principal = args.ClientId == _publisherId ? null : _auth.Authenticate(args.Password);
        if (principal is null || principal.ClientId != args.UserName)
        {
            args.ReasonCode = MqttConnectReasonCode.BadUserNameOrPassword;
            LogRefused(_logger, args.UserName ?? "", args.RemoteEndPoint?.ToString() ?? "");
            return Task.CompletedTask;
        }

        args.SessionItems[PrincipalItem] = principal;
        args.SessionItems[TokenItem] = args.Password;
        return Task.CompletedTask;
    }

    private Task InterceptSubscription(InterceptingSubscriptionEventArgs args)
    {
        // The token is checked again: one that expired or was revoked since connecting adds no subscriptions.
        var principal = args.SessionItems[TokenItem] is string token ? _auth.Authenticate(token) : null;
        var filter = args.TopicFilter.Topic;
        var allowed = principal is not null && (!principal.IsVen
            ? principal.Scopes.Contains(OpenAdrScopes.ReadAll)
            : OpenAdrMqttTopics.VenMaySubscribe(filter, [.. _store.List(OpenAdrCollection.Vens.ObjectType, clientId: principal.ClientId).Select(v => v.Id)]));
        if (!allowed)
        {
            args.ProcessSubscription = false;
            args.Response.ReasonCode = MqttSubscribeReasonCode.NotAuthorized;
            LogSubscriptionRefused(_logger, args.UserName ?? "", filter);
        }

        return Task.CompletedTask;
    }

    private Task InterceptPublish(InterceptingPublishEventArgs args)
    {
        if (args.ClientId != _publisherId)
        {
            args.ProcessPublish = false;
            args.Response.ReasonCode = MqttPubAckReasonCode.NotAuthorized;
        }

        return Task.CompletedTask;
    }

    private static int FreePort(IPAddress address)
    {
        using var listener = new TcpListener(address, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [LoggerMessage(920, LogLevel.Information, "OpenADR MQTT notifier: broker listening on {Address}:{Port} (username: clientID, password: an access token from auth/token)")]
    private static partial void LogListening(ILogger logger, IPAddress address, int port);

    [LoggerMessage(921, LogLevel.Warning, "OpenADR MQTT notifier: refused a connection as '{UserName}' from {Remote}: the password must be a current access token of that client")]
    private static partial void LogRefused(ILogger logger, string userName, string remote);

    [LoggerMessage(922, LogLevel.Warning, "OpenADR MQTT notifier: refused '{UserName}' a subscription to {Filter}: a VEN may subscribe under vens/<its venID>/ only, business logic needs read_all")]
    private static partial void LogSubscriptionRefused(ILogger logger, string userName, string filter);
}

/// <summary>Where the MQTT notifier's broker listens; port 0 picks a free one.</summary>
public sealed record OpenAdrMqttOptions(int Port, bool AllInterfaces);
