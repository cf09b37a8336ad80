using System.Net;
using System.Net.Sockets;
using System.Text;
using OpenVpp.Protocols.Dsmr.Transport;

namespace OpenVpp.Protocols.Tests.Dsmr.Transport;

/// <summary>The TCP source against a real socket: a ser2net-like listener on loopback.</summary>
public sealed class P1TelegramSourceTests
{
    private static readonly P1SourceOptions Fast = new() { InitialBackoff = TimeSpan.FromMilliseconds(20), MaxBackoff = TimeSpan.FromMilliseconds(200) };

    private static async Task SendFragmentedAsync(Socket socket, byte[] data, Random random)
    {
        for (var i = 0; i < data.Length;)
        {
            var n = Math.Min(random.Next(1, 64), data.Length - i);
            await socket.SendAsync(data.AsMemory(i, n));
            i += n;
        }
    }

    [Fact]
    public async Task Reads_fragmented_telegrams_through_garbage_and_reconnects_after_the_peer_disconnects()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var kaifa = DsmrTelegrams.Bytes("kaifa_dsmr42");
        var iskra = DsmrTelegrams.Bytes("iskra_dsmr50");
        var broken = Encoding.Latin1.GetBytes(DsmrTelegrams.Text("iskra_dsmr50").Replace("!6EEE", "!6EEF", StringComparison.Ordinal));
        var random = new Random(4);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        var server = Task.Run(async () =>
        {
            // First connection: garbage, two telegrams, a damaged one, then a telegram cut off by the disconnect.
            using (var first = await listener.AcceptSocketAsync(timeout.Token))
            {
                await SendFragmentedAsync(first, [.. "noise\r\n"u8, .. kaifa, .. "\0\xfe"u8.ToArray(), .. iskra, .. broken, .. kaifa.AsSpan(0, 200)], random);
                first.Shutdown(SocketShutdown.Both);
            }

            // The source comes back after its backoff.
            using var second = await listener.AcceptSocketAsync(timeout.Token);
            await SendFragmentedAsync(second, iskra, random);
            await Task.Delay(Timeout.Infinite, timeout.Token).ContinueWith(_ => { }, TaskScheduler.Default);
        });

        var source = new P1TelegramSource(new P1TcpConnection("127.0.0.1", port), Fast);
        var events = new List<P1SourceEvent>();
        await foreach (var e in source.ReadAsync(timeout.Token))
        {
            events.Add(e);
            if (events.Count(x => x.Kind == P1SourceEventKind.Telegram) == 3)
            {
                break;
            }
        }

        await timeout.CancelAsync();
        await server;
        var kinds = events.Select(e => e.Kind).ToList();
        Assert.Equal(
            [
                P1SourceEventKind.Connected, P1SourceEventKind.Telegram, P1SourceEventKind.Telegram, P1SourceEventKind.Rejected,
                P1SourceEventKind.Rejected, P1SourceEventKind.Disconnected, P1SourceEventKind.Connected, P1SourceEventKind.Telegram,
            ],
            kinds);
        Assert.Equal(1_581_123, events[1].Telegram!.ImportT1Wh);
        Assert.Equal(4_426, events[2].Telegram!.ImportT1Wh);
        Assert.Contains("CRC", events[3].Message, StringComparison.Ordinal);
        Assert.Contains("ended inside a telegram", events[4].Message, StringComparison.Ordinal);
        Assert.Contains("closed the connection", events[5].Message, StringComparison.Ordinal);
        Assert.NotNull(events[5].RetryIn);
    }

    [Fact]
    public async Task A_refused_connection_is_retried_with_growing_backoff()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        var source = new P1TelegramSource(new P1TcpConnection("127.0.0.1", port), Fast);
        var waits = new List<TimeSpan>();
        await foreach (var e in source.ReadAsync(timeout.Token))
        {
            Assert.Equal(P1SourceEventKind.Disconnected, e.Kind);
            Assert.Contains("cannot connect", e.Message, StringComparison.Ordinal);
            waits.Add(e.RetryIn!.Value);
            if (waits.Count == 5)
            {
                break;
            }
        }

        Assert.Equal([20, 40, 80, 160, 200], waits.Select(w => (int)w.TotalMilliseconds));
    }

    [Fact]
    public async Task With_a_smarty_key_the_source_decrypts_encrypted_frames_from_the_socket()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var frame = SmartyFrameTests.Encrypt(DsmrTelegrams.Bytes("spec_luxembourg_smarty"), 42);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var server = Task.Run(async () =>
        {
            using var peer = await listener.AcceptSocketAsync(timeout.Token);
            await SendFragmentedAsync(peer, [0x00, 0x13, .. frame], new Random(5));
            await Task.Delay(Timeout.Infinite, timeout.Token).ContinueWith(_ => { }, TaskScheduler.Default);
        });

        var source = new P1TelegramSource(new P1TcpConnection("127.0.0.1", port), Fast with { SmartyKey = SmartyFrameTests.Key });
        P1SourceEvent? received = null;
        await foreach (var e in source.ReadAsync(timeout.Token))
        {
            if (e.Kind is P1SourceEventKind.Telegram or P1SourceEventKind.Rejected)
            {
                received = e;
                break;
            }
        }

        await timeout.CancelAsync();
        await server;
        Assert.Equal(P1SourceEventKind.Telegram, received!.Kind);
        Assert.Equal(732_157, received.Telegram!.ImportTotalWh);
    }
}
