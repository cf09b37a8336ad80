using System.Net;
using System.Net.Sockets;
using OpenVpp.Protocols.Modbus;
using OpenVpp.Protocols.Modbus.Transport;

namespace OpenVpp.Protocols.Tests.Modbus;

/// <summary>
/// Responses no real server library would send on purpose (wrong transaction id, a frame cut off, an announced length
/// beyond the protocol's), from a raw TCP listener: each is a clear error and the next request gets a fresh connection.
/// </summary>
public sealed class ModbusTcpClientMisbehavingServerTests
{
    [Fact]
    public async Task A_response_with_another_transaction_id_is_refused_and_the_connection_replaced()
    {
        await using var server = new RawServer(request => [request[0], (byte)(request[1] + 1), 0, 0, 0, 7, request[6], 3, 4, 0x53, 0x75, 0x6E, 0x53]);
        await using var client = server.Client();

        var e = await Assert.ThrowsAsync<ModbusProtocolException>(() => client.ReadHoldingRegistersAsync(1, 40000, 2, CancellationToken.None));
        await Assert.ThrowsAsync<ModbusProtocolException>(() => client.ReadHoldingRegistersAsync(1, 40000, 2, CancellationToken.None));

        Assert.Contains("transaction id", e.Message, StringComparison.Ordinal);
        Assert.Equal(2, client.Connections);
    }

    [Fact]
    public async Task A_response_cut_off_mid_frame_is_a_closed_connection()
    {
        await using var server = new RawServer(request => [request[0], request[1], 0, 0, 0, 7, request[6], 3], closeAfterAnswer: true);
        await using var client = server.Client();

        var e = await Assert.ThrowsAsync<IOException>(() => client.ReadHoldingRegistersAsync(1, 40000, 2, CancellationToken.None));

        Assert.Contains("closed the connection", e.Message, StringComparison.Ordinal);
        Assert.False(client.IsConnected);
    }

    [Fact]
    public async Task A_header_announcing_an_oversized_frame_is_refused_without_reading_it()
    {
        await using var server = new RawServer(request => [request[0], request[1], 0, 0, 0x10, 0x00, request[6], 3]);
        await using var client = server.Client();

        var e = await Assert.ThrowsAsync<ModbusProtocolException>(() => client.ReadHoldingRegistersAsync(1, 40000, 2, CancellationToken.None));

        Assert.Contains("4095-byte PDU", e.Message, StringComparison.Ordinal);
        Assert.False(client.IsConnected);
    }

    /// <summary>Answers every 12-byte request with the bytes <c>answer</c> gives.</summary>
    private sealed class RawServer : IAsyncDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _accepting;

        public RawServer(Func<byte[], byte[]> answer, bool closeAfterAnswer = false)
        {
            _listener.Start();
            _accepting = AcceptAsync(answer, closeAfterAnswer);
        }

        public ModbusTcpClient Client() =>
            new(new ModbusTcpClientOptions("127.0.0.1", ((IPEndPoint)_listener.LocalEndpoint).Port, TimeSpan.FromSeconds(5)));

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            _listener.Stop();
            try
            {
                await _accepting;
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
            }

            _stop.Dispose();
        }

        private async Task AcceptAsync(Func<byte[], byte[]> answer, bool closeAfterAnswer)
        {
            while (!_stop.IsCancellationRequested)
            {
                var socket = await _listener.AcceptTcpClientAsync(_stop.Token);
                _ = Task.Run(async () =>
                {
                    using (socket)
                    {
                        var stream = socket.GetStream();
                        var request = new byte[12];
                        try
                        {
                            while (true)
                            {
                                await stream.ReadExactlyAsync(request, _stop.Token);
                                await stream.WriteAsync(answer(request), _stop.Token);
                                if (closeAfterAnswer)
                                {
                                    return;
                                }
                            }
                        }
                        catch (Exception e) when (e is IOException or OperationCanceledException or EndOfStreamException)
                        {
                            // The client hung up or the test ended.
                        }
                    }
                });
            }
        }
    }
}
