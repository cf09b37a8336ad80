using System.Net;
using System.Net.Sockets;
using OpenVpp.Gateway.Adapters.Mqtt;
using OpenVpp.Gateway.Tests.Support;

namespace OpenVpp.Gateway.Tests.Adapters.Mqtt;

/// <summary>
/// A broker that accepts the connection but never answers SUBSCRIBE (while answering pings) is the one cheap way to
/// make the subscribe fail on a connected client: mosquitto refuses a subscription with a SUBACK code instead.
/// </summary>
public sealed class MqttAdapterSubscribeFailureTests
{
    [Fact]
    public async Task A_subscription_that_fails_after_connecting_closes_the_connection_and_tries_again()
    {
        await using var broker = new SilentSubscribeBroker();
        await using var harness = new MqttAdapterHarness(MqttAdapterHarness.Options(new MqttBrokerOptions("127.0.0.1", broker.Port)));
        // The adapter gives up on the SUBACK after 10 s; then it must reconnect, not stay connected and unsubscribed.
        await Wait.UntilAsync(() => broker.Connections >= 2, timeoutSeconds: 30);

        Assert.True(broker.FirstClosed, "the adapter should close the connection whose subscription failed");
        Assert.True(harness.Logged("is unreachable"), "the failure is logged");
    }

    private sealed class SilentSubscribeBroker : IAsyncDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _accept;
        private int _connections;
        private volatile bool _firstClosed;

        public SilentSubscribeBroker()
        {
            _listener.Start();
            _accept = AcceptAsync();
        }

        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

        public int Connections => Volatile.Read(ref _connections);

        public bool FirstClosed => _firstClosed;

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            _listener.Stop();
            try
            {
                await _accept;
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
            }

            _stop.Dispose();
        }

        private async Task AcceptAsync()
        {
            while (!_stop.IsCancellationRequested)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                var number = Interlocked.Increment(ref _connections);
                _ = ServeAsync(client, number);
            }
        }

        private async Task ServeAsync(TcpClient client, int number)
        {
            using (client)
            {
                var stream = client.GetStream();
                try
                {
                    while (await ReadPacketAsync(stream) is var (type, body))
                    {
                        switch (type)
                        {
                            case 1: // CONNECT: protocol level 5 wants a properties length in CONNACK.
                                await stream.WriteAsync(body.Length > 6 && body[6] == 5 ? new byte[] { 0x20, 3, 0, 0, 0 } : [0x20, 2, 0, 0], _stop.Token);
                                break;
                            case 12: // PINGREQ
                                await stream.WriteAsync(new byte[] { 0xD0, 0 }, _stop.Token);
                                break;
                            case 14: // DISCONNECT
                                return;
                            default: // SUBSCRIBE and anything else: never answered.
                                break;
                        }
                    }
                }
                catch (Exception e) when (e is IOException or OperationCanceledException or SocketException)
                {
                }
                finally
                {
                    if (number == 1)
                    {
                        _firstClosed = true;
                    }
                }
            }
        }

        private async Task<(int Type, byte[] Body)?> ReadPacketAsync(NetworkStream stream)
        {
            var header = new byte[1];
            if (await stream.ReadAsync(header, _stop.Token) == 0)
            {
                return null;
            }

            int length = 0, shift = 0;
            var one = new byte[1];
            do
            {
                await stream.ReadExactlyAsync(one, _stop.Token);
                length |= (one[0] & 0x7F) << shift;
                shift += 7;
            }
            while ((one[0] & 0x80) != 0);

            var body = new byte[length];
            await stream.ReadExactlyAsync(body, _stop.Token);
            return (header[0] >> 4, body);
        }
    }
}
