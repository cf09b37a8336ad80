using OpenVpp.Protocols.Modbus;
using OpenVpp.Protocols.Modbus.Transport;
using OpenVpp.Testing.SunSpec;

namespace OpenVpp.Protocols.Tests.Modbus;

/// <summary>Our Modbus TCP client against npm modbus-serial's ServerTCP.</summary>
public sealed class ModbusTcpClientTests
{
    private static readonly ushort[] Counting = [.. Enumerable.Range(0, 400).Select(i => (ushort)(i * 3))];

    [Fact]
    public async Task A_read_of_more_than_125_registers_is_split_and_reassembled()
    {
        await using var peer = await SunSpecPeer.StartAsync(1, 1000, Counting);
        await using var client = Client(peer);

        var registers = await client.ReadHoldingRegistersAsync(1, 1010, 300, CancellationToken.None);

        Assert.Equal(Counting.Skip(10).Take(300), registers);
    }

    [Fact]
    public async Task Single_and_multiple_writes_land_in_the_servers_registers()
    {
        await using var peer = await SunSpecPeer.StartAsync(1, 1000, Counting);
        await using var client = Client(peer);

        await client.WriteSingleRegisterAsync(1, 1005, 0xBEEF, CancellationToken.None);
        await client.WriteMultipleRegistersAsync(1, 1100, new ushort[] { 1, 2, 3 }, CancellationToken.None);

        Assert.Equal(new ushort[] { 0xBEEF }, await peer.GetAsync(1, 1005, 1));
        Assert.Equal(new ushort[] { 1, 2, 3 }, await peer.GetAsync(1, 1100, 3));
    }

    [Fact]
    public async Task An_exception_response_names_the_code_and_the_connection_stays_usable()
    {
        await using var peer = await SunSpecPeer.StartAsync(1, 1000, Counting, exceptions: [(1, 1050, 10, 6)]);
        await using var client = Client(peer);

        var busy = await Assert.ThrowsAsync<ModbusException>(() => client.ReadHoldingRegistersAsync(1, 1045, 10, CancellationToken.None));
        var outside = await Assert.ThrowsAsync<ModbusException>(() => client.ReadHoldingRegistersAsync(1, 5000, 2, CancellationToken.None));
        var noUnit = await Assert.ThrowsAsync<ModbusException>(() => client.ReadHoldingRegistersAsync(9, 1000, 2, CancellationToken.None));
        var fine = await client.ReadHoldingRegistersAsync(1, 1000, 2, CancellationToken.None);

        Assert.Equal(ModbusExceptionCode.ServerDeviceBusy, busy.Code);
        Assert.Contains("ServerDeviceBusy", busy.Message, StringComparison.Ordinal);
        Assert.Equal(ModbusExceptionCode.IllegalDataAddress, outside.Code);
        Assert.Equal(ModbusExceptionCode.GatewayTargetFailedToRespond, noUnit.Code);
        Assert.Contains("unit id", noUnit.Message, StringComparison.Ordinal);
        Assert.Equal(Counting[..2], fine);
        Assert.Equal(1, client.Connections);
    }

    [Fact]
    public async Task A_slow_server_times_out_and_the_next_request_reconnects()
    {
        await using var peer = await SunSpecPeer.StartAsync(1, 1000, Counting, delayMs: 2000);
        await using var client = new ModbusTcpClient(new ModbusTcpClientOptions("127.0.0.1", peer.Port, TimeSpan.FromMilliseconds(300)));

        var e = await Assert.ThrowsAsync<TimeoutException>(() => client.ReadHoldingRegistersAsync(1, 1000, 2, CancellationToken.None));
        await peer.DelayAsync(0);
        var registers = await client.ReadHoldingRegistersAsync(1, 1000, 2, CancellationToken.None);

        Assert.Contains("no answer within 0.3 s", e.Message, StringComparison.Ordinal);
        Assert.Equal(Counting[..2], registers);
        Assert.Equal(2, client.Connections);
    }

    [Fact]
    public async Task A_dropped_connection_fails_the_request_and_the_next_one_reconnects()
    {
        await using var peer = await SunSpecPeer.StartAsync(1, 1000, Counting, dropAtRequest: 2);
        await using var client = Client(peer);

        await client.ReadHoldingRegistersAsync(1, 1000, 2, CancellationToken.None);
        var e = await Assert.ThrowsAsync<IOException>(() => client.ReadHoldingRegistersAsync(1, 1000, 2, CancellationToken.None));
        var registers = await client.ReadHoldingRegistersAsync(1, 1000, 2, CancellationToken.None);

        Assert.Contains("closed the connection", e.Message, StringComparison.Ordinal);
        Assert.Equal(Counting[..2], registers);
        Assert.Equal(2, client.Connections);
    }

    [Fact]
    public async Task Nothing_listening_is_a_clear_connection_error()
    {
        await using var client = new ModbusTcpClient(new ModbusTcpClientOptions("127.0.0.1", FreePort(), TimeSpan.FromSeconds(2)));

        var e = await Assert.ThrowsAsync<IOException>(() => client.ReadHoldingRegistersAsync(1, 0, 2, CancellationToken.None));

        Assert.Contains("Cannot reach the Modbus server at 127.0.0.1", e.Message, StringComparison.Ordinal);
    }

    private static ModbusTcpClient Client(SunSpecPeer peer) => new(new ModbusTcpClientOptions("127.0.0.1", peer.Port, TimeSpan.FromSeconds(5)));

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
