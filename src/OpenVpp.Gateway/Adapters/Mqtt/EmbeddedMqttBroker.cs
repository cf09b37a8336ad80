using System.Net;
using MQTTnet.Server;

namespace OpenVpp.Gateway.Adapters.Mqtt;

/// <summary>
/// An MQTT broker inside the gateway (MQTTnet.Server), for homes without one: devices publish to the gateway
/// directly. Listens on loopback unless told otherwise, so nothing is exposed to the network by accident; it keeps
/// retained messages in memory only.
/// </summary>
public sealed class EmbeddedMqttBroker : IAsyncDisposable
{
    private readonly MqttServer _server;

    public EmbeddedMqttBroker(int port = 1883, bool allInterfaces = false)
    {
        Port = port;
        Address = allInterfaces ? IPAddress.Any : IPAddress.Loopback;
        var factory = new MqttServerFactory();
        var options = factory.CreateServerOptionsBuilder()
            .WithDefaultEndpoint()
            .WithDefaultEndpointPort(port)
            .WithDefaultEndpointBoundIPAddress(Address)
            .WithDefaultEndpointBoundIPV6Address(allInterfaces ? IPAddress.IPv6Any : IPAddress.IPv6Loopback)
            .Build();
        _server = factory.CreateMqttServer(options);
    }

    public int Port { get; }

    public IPAddress Address { get; }

    public bool IsStarted => _server.IsStarted;

    /// <summary>Starts listening; throws (a socket error) when the port is taken.</summary>
    public Task StartAsync() => _server.StartAsync();

    public async Task StopAsync()
    {
        if (_server.IsStarted)
        {
            await _server.StopAsync().ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _server.Dispose();
    }
}
