using System.Net;
using System.Net.Sockets;

namespace OpenVpp.Cli.Peers;

/// <summary>
/// A ser2net-style TCP port serving a DSMR 5.0 meter: every period, each connected reader gets the simulated home's
/// grid meter as a telegram. Energy goes to tariff 1 (low) at night, 23:00–07:00 UTC+1, and tariff 2 otherwise.
/// </summary>
internal sealed class P1MeterPeer(int port, PeerDevice device) : IHomePeer
{
    private readonly Lock _gate = new();
    private readonly List<TcpClient> _clients = [];
    private long _importT1Wh = 1_234_000, _importT2Wh = 2_345_000, _exportT1Wh = 345_000, _exportT2Wh = 456_000;
    private long? _lastImportWh, _lastExportWh;

    public string Description => $"p1 tcp 127.0.0.1:{port}: {device.Name} (DSMR 5.0 telegrams)";

    public async Task RunAsync(SimulatedHomeModel home, TimeSpan period, Action<string> log, CancellationToken cancel)
    {
        var listener = new TcpListener(IPAddress.Loopback, port);
        listener.Start();
        try
        {
            var accepting = AcceptAsync(listener, cancel);
            while (!cancel.IsCancellationRequested)
            {
                var telegram = Next(home);
                TcpClient[] clients;
                lock (_gate)
                {
                    clients = [.. _clients];
                }

                foreach (var client in clients)
                {
                    try
                    {
                        await client.GetStream().WriteAsync(telegram, cancel).ConfigureAwait(false);
                    }
                    catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
                    {
                        Drop(client);
                    }
                }

                await Task.Delay(period, cancel).ConfigureAwait(false);
            }

            await accepting.ConfigureAwait(false);
        }
        finally
        {
            listener.Stop();
            lock (_gate)
            {
                _clients.ForEach(c => c.Dispose());
                _clients.Clear();
            }
        }
    }

    private byte[] Next(SimulatedHomeModel home)
    {
        var meter = home[device.Kind];
        var now = DateTimeOffset.UtcNow;
        var night = now.ToOffset(TimeSpan.FromHours(1)).Hour is >= 23 or < 7;
        var importedWh = meter.ImportedWh - (_lastImportWh ?? meter.ImportedWh);
        var exportedWh = meter.ExportedWh - (_lastExportWh ?? meter.ExportedWh);
        (_lastImportWh, _lastExportWh) = (meter.ImportedWh, meter.ExportedWh);
        if (night)
        {
            _importT1Wh += importedWh;
            _exportT1Wh += exportedWh;
        }
        else
        {
            _importT2Wh += importedWh;
            _exportT2Wh += exportedWh;
        }

        return DsmrTelegramWriter.Write(now, device.Name, _importT1Wh, _importT2Wh, _exportT1Wh, _exportT2Wh, night ? 1 : 2, meter.PowerW);
    }

    private async Task AcceptAsync(TcpListener listener, CancellationToken cancel)
    {
        while (!cancel.IsCancellationRequested)
        {
            try
            {
                var client = await listener.AcceptTcpClientAsync(cancel).ConfigureAwait(false);
                lock (_gate)
                {
                    _clients.Add(client);
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private void Drop(TcpClient client)
    {
        lock (_gate)
        {
            _clients.Remove(client);
        }

        client.Dispose();
    }
}
