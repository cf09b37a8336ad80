using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using OpenVpp.Core.Devices;
using OpenVpp.Core.Readings;
using OpenVpp.Gateway.Adapters.P1;
using OpenVpp.Gateway.Capabilities;
using OpenVpp.Gateway.Tests.Support;
using OpenVpp.Protocols.Dsmr;

namespace OpenVpp.Gateway.Tests.Adapters;

/// <summary>The P1 adapter against a real socket: a ser2net-like TcpListener on loopback sending DSMR 5 telegrams.</summary>
public sealed class P1AdapterTests : IAsyncDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new(TimeSpan.FromSeconds(60));

    public P1AdapterTests() => _listener.Start();

    private int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>A DSMR 5 telegram with the given registers (kWh with 3 decimals, i.e. whole Wh) and power, with its CRC.</summary>
    private static byte[] Telegram(long importWh, long exportWh, long importW, long exportW)
    {
        static string Kwh(long wh) => (wh / 1000m).ToString("000000.000", CultureInfo.InvariantCulture);
        static string Kw(long w) => (w / 1000m).ToString("00.000", CultureInfo.InvariantCulture);
        var body = $"/ISk5\\2MT382-1000\r\n\r\n1-3:0.2.8(50)\r\n0-0:1.0.0(260601140000S)\r\n" +
            $"1-0:1.8.1({Kwh(importWh - 1000)}*kWh)\r\n1-0:1.8.2({Kwh(1000)}*kWh)\r\n" +
            $"1-0:2.8.1({Kwh(exportWh)}*kWh)\r\n1-0:2.8.2(000000.000*kWh)\r\n0-0:96.14.0(0001)\r\n" +
            $"1-0:1.7.0({Kw(importW)}*kW)\r\n1-0:2.7.0({Kw(exportW)}*kW)\r\n" +
            "0-1:24.1.0(003)\r\n0-1:24.2.1(260601134500S)(00101.010*m3)\r\n!";
        var bytes = Encoding.ASCII.GetBytes(body);
        return [.. bytes, .. Encoding.ASCII.GetBytes($"{Crc16Arc.Compute(bytes):X4}\r\n")];
    }

    private P1Adapter Adapter(FakeTimeProvider time, TimeSpan offlineAfter) => new(
        new P1AdapterOptions
        {
            DeviceName = "home-0001/grid",
            Region = "NL-NH",
            Site = "home-0001",
            TcpEndpoint = $"127.0.0.1:{Port}",
            OfflineAfter = offlineAfter,
            MaxReconnectDelay = TimeSpan.FromSeconds(2),
        },
        time);

    private static async Task WaitForRegistersAsync(P1Adapter adapter, EnergyRegisters expected)
    {
        var meter = (IEnergyMeter)adapter.Devices[0];
        await Wait.UntilAsync(async () =>
        {
            try
            {
                return await meter.EnergyRegistersAsync(CancellationToken.None) == expected;
            }
            catch (InvalidOperationException)
            {
                return false;
            }
        });
    }

    [Fact]
    public async Task Telegrams_from_a_socket_become_two_intervals_of_grid_meter_measurements()
    {
        var time = new FakeTimeProvider(T0.AddMinutes(-1));
        var adapter = Adapter(time, TimeSpan.FromHours(1));
        var run = adapter.RunAsync(_stop.Token);
        using var peer = await _listener.AcceptSocketAsync(_stop.Token);

        await peer.SendAsync(Telegram(10_000, 500, 900, 0));
        await WaitForRegistersAsync(adapter, new EnergyRegisters(10_000, 500));
        time.SetUtcNow(T0.AddMinutes(7));
        await peer.SendAsync(Telegram(10_200, 500, 0, 1_200));
        await WaitForRegistersAsync(adapter, new EnergyRegisters(10_200, 500));
        time.SetUtcNow(T0.AddMinutes(14));
        await peer.SendAsync(Telegram(10_250, 530, 0, 2_000));
        await WaitForRegistersAsync(adapter, new EnergyRegisters(10_250, 530));
        var first = await adapter.MeasureAsync(T0, T0.AddMinutes(15), CancellationToken.None);
        time.SetUtcNow(T0.AddMinutes(20));
        await peer.SendAsync(Telegram(10_400, 1_030, 0, 500));
        await WaitForRegistersAsync(adapter, new EnergyRegisters(10_400, 1_030));
        var second = await adapter.MeasureAsync(T0.AddMinutes(15), T0.AddMinutes(30), CancellationToken.None);

        var a = Assert.Single(first);
        Assert.Equal(("home-0001/grid", 250L, 30L, 2_000, ReadingStatus.None), (a.DeviceName, a.EnergyImportedWh, a.EnergyExportedWh, a.PeakPowerW, a.Flags));
        var b = Assert.Single(second);
        Assert.Equal((150L, 500L), (b.EnergyImportedWh, b.EnergyExportedWh));
        Assert.Equal(500, await ((IPowerMeter)adapter.Devices[0]).CurrentPowerWAsync(CancellationToken.None));
        Assert.Equal(DeviceKind.GridMeter, adapter.Devices[0].Descriptor.Kind);
        Assert.True(adapter.LinkStates[0].Online);
        await _stop.CancelAsync();
        await run;
    }

    [Fact]
    public async Task A_silent_meter_goes_offline_and_is_read_again_after_it_reconnects()
    {
        var time = new FakeTimeProvider(T0);
        var adapter = Adapter(time, TimeSpan.FromSeconds(30));
        var run = adapter.RunAsync(_stop.Token);
        using (var peer = await _listener.AcceptSocketAsync(_stop.Token))
        {
            await peer.SendAsync(Telegram(10_000, 0, 100, 0));
            await WaitForRegistersAsync(adapter, new EnergyRegisters(10_000, 0));
            Assert.True(adapter.LinkStates[0].Online);

            // Silence past the offline time: the adapter marks the meter offline and drops the connection.
            time.Advance(TimeSpan.FromSeconds(31));
            await Wait.UntilAsync(() => !adapter.LinkStates[0].Online && adapter.LinkStates[0].LastError is not null);
            Assert.Contains("no telegram", adapter.LinkStates[0].LastError, StringComparison.Ordinal);
        }

        // The adapter retries after its backoff (fake time moves on while we wait) and reads the meter again.
        var accept = _listener.AcceptSocketAsync(_stop.Token).AsTask();
        await Wait.UntilAsync(() => accept.IsCompleted, time, TimeSpan.FromSeconds(1));
        using var again = await accept;
        await again.SendAsync(Telegram(10_100, 0, 100, 0));
        await WaitForRegistersAsync(adapter, new EnergyRegisters(10_100, 0));
        Assert.True(adapter.LinkStates[0].Online);
        await _stop.CancelAsync();
        await run;
    }

    [Fact]
    public void Options_need_exactly_one_source()
    {
        var neither = new P1AdapterOptions { DeviceName = "m", Region = "NL", Site = "s" };
        var both = neither with { SerialPort = "/dev/ttyUSB0", TcpEndpoint = "127.0.0.1:2001" };
        var badEndpoint = neither with { TcpEndpoint = "no-port" };
        var badFraming = neither with { SerialPort = "/dev/ttyUSB0", SerialFraming = "9X1" };

        Assert.NotEmpty(neither.Validate());
        Assert.NotEmpty(both.Validate());
        Assert.Contains("not host:port", Assert.Single(badEndpoint.Validate()), StringComparison.Ordinal);
        Assert.Contains("9X1", Assert.Single(badFraming.Validate()), StringComparison.Ordinal);
        Assert.Empty((neither with { SerialPort = "/dev/ttyUSB0", BaudRate = 9600, SerialFraming = "7E1" }).Validate());
        Assert.Contains("32 hex digits", Assert.Single((neither with { TcpEndpoint = "127.0.0.1:2001", SmartyKeyHex = "0011" }).Validate()), StringComparison.Ordinal);
        Assert.Empty((neither with { TcpEndpoint = "127.0.0.1:2001", SmartyKeyHex = "00112233445566778899AABBCCDDEEFF" }).Validate());
        Assert.Throws<ArgumentException>(() => new P1Adapter(neither));
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _stop.Dispose();
        _listener.Stop();
        _listener.Dispose();
    }
}
