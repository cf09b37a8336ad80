using System.Security.Cryptography;
using MQTTnet;

namespace OpenVpp.Gateway.Adapters.Mqtt;

/// <summary>Client options shared by the adapter and the publisher.</summary>
internal static class MqttConnection
{
    public static MqttClientOptionsBuilder Options(MqttBrokerOptions broker, string clientIdPrefix)
    {
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(broker.Host, broker.Port)
            .WithClientId(broker.ClientId ?? $"{clientIdPrefix}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}")
            // A clean session: after a reconnect the adapter subscribes again itself, and old queued values are stale.
            .WithCleanSession(true)
            .WithTimeout(TimeSpan.FromSeconds(10))
            .WithKeepAlivePeriod(TimeSpan.FromSeconds(15));
        if (broker.Username is not null)
        {
            builder = builder.WithCredentials(broker.Username, broker.Password);
        }

        if (broker.UseTls)
        {
            builder = builder.WithTlsOptions(o => o.UseTls());
        }

        return builder;
    }
}
