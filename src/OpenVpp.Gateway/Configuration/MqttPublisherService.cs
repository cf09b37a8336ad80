using Microsoft.Extensions.Hosting;
using OpenVpp.Gateway.Adapters.Mqtt;

namespace OpenVpp.Gateway.Configuration;

/// <summary>Runs the <see cref="MqttReadingPublisher"/> for the host's lifetime (it reconnects on its own).</summary>
internal sealed class MqttPublisherService(MqttReadingPublisher publisher) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => publisher.RunAsync(stoppingToken);
}
