using System.Diagnostics;
using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace OpenVpp.Cli.Bench;

/// <summary>
/// The station side of `openvpp bench ocpp`, in its own process so its work is not charged to the CSMS: opens one
/// WebSocket per station (subprotocol ocpp1.6), boots each, prints "ready", waits for "go" on stdin, then has every
/// station send its share of MeterValues CALLs one after another (each waits for its CALLRESULT, as OCPP requires),
/// all stations at once, and prints an <see cref="OcppLoadReport"/>.
/// </summary>
internal static class OcppLoadGenerator
{
    private const int ConnectConcurrency = 50;

    public static async Task<int> RunAsync(string url, int stations, long messages, CancellationToken cancel)
    {
        var sockets = new ClientWebSocket[stations];
        using var connectGate = new SemaphoreSlim(ConnectConcurrency);
        await Task.WhenAll(Enumerable.Range(0, stations).Select(async i =>
        {
            await connectGate.WaitAsync(cancel).ConfigureAwait(false);
            try
            {
                var socket = new ClientWebSocket();
                socket.Options.AddSubProtocol("ocpp1.6");
                socket.Options.KeepAliveInterval = TimeSpan.FromSeconds(30);
                await socket.ConnectAsync(new Uri($"{url}/BENCH-{i:D5}"), cancel).ConfigureAwait(false);
                sockets[i] = socket;
                var boot = Frame($"boot-{i}", "BootNotification", """{"chargePointVendor":"OpenVPP","chargePointModel":"bench"}""");
                await ExchangeAsync(socket, boot, new byte[4096], cancel).ConfigureAwait(false);
            }
            finally
            {
                connectGate.Release();
            }
        })).ConfigureAwait(false);

        await Console.Out.WriteLineAsync("ready").ConfigureAwait(false);
        await Console.Out.FlushAsync(cancel).ConfigureAwait(false);
        _ = await Console.In.ReadLineAsync(cancel).ConfigureAwait(false);

        var perStation = (messages + stations - 1) / stations;
        long answered = 0, errors = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(sockets.Select((socket, i) => Task.Run(async () =>
        {
            var buffer = new byte[4096];
            // Frames are built before the loop: the clock measures the CSMS, not this process's string formatting.
            var frames = Enumerable.Range(0, (int)perStation).Select(n => Frame($"m{i}-{n}", "MeterValues", MeterValues(n))).ToArray();
            foreach (var frame in frames)
            {
                if (await ExchangeAsync(socket, frame, buffer, cancel).ConfigureAwait(false))
                {
                    Interlocked.Increment(ref answered);
                }
                else
                {
                    Interlocked.Increment(ref errors);
                }
            }
        }, cancel))).ConfigureAwait(false);
        clock.Stop();

        foreach (var socket in sockets)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "bench done", timeout.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException)
            {
                // The report matters more than a tidy close.
            }

            socket.Dispose();
        }

        var report = new OcppLoadReport(perStation * stations, answered, errors, clock.Elapsed.TotalSeconds);
        await Console.Out.WriteLineAsync(JsonSerializer.Serialize(report, OcppLoadJsonContext.Default.OcppLoadReport)).ConfigureAwait(false);
        return errors == 0 ? 0 : 1;
    }

    private static string MeterValues(int n) => string.Create(CultureInfo.InvariantCulture, $$"""
        {"connectorId":1,"meterValue":[{"timestamp":"{{DateTimeOffset.UtcNow:yyyy-MM-dd'T'HH:mm:ss'Z'}}","sampledValue":[{"value":"{{1000 + n}}","measurand":"Energy.Active.Import.Register","unit":"Wh","context":"Sample.Periodic"},{"value":"7400","measurand":"Power.Active.Import","unit":"W"},{"value":"55","measurand":"SoC","unit":"Percent","location":"EV"}]}]}
        """);

    private static byte[] Frame(string id, string action, string payload) => Encoding.UTF8.GetBytes($"[2,\"{id}\",\"{action}\",{payload}]");

    /// <summary>Sends one CALL and reads one answer; true for a CALLRESULT.</summary>
    private static async Task<bool> ExchangeAsync(ClientWebSocket socket, byte[] frame, byte[] buffer, CancellationToken cancel)
    {
        await socket.SendAsync(frame, WebSocketMessageType.Text, endOfMessage: true, cancel).ConfigureAwait(false);
        var length = 0;
        ValueWebSocketReceiveResult result;
        do
        {
            result = await socket.ReceiveAsync(buffer.AsMemory(length), cancel).ConfigureAwait(false);
            length += result.Count;
        }
        while (!result.EndOfMessage && length < buffer.Length);

        // "[3," opens a CALLRESULT; anything else (a CALLERROR) counts as an error.
        return length > 2 && buffer[1] == (byte)'3';
    }
}
