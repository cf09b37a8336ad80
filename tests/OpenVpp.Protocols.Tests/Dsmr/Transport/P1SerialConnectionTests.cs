using OpenVpp.Protocols.Dsmr.Transport;

namespace OpenVpp.Protocols.Tests.Dsmr.Transport;

/// <summary>The serial source through System.IO.Ports on a pseudo-terminal standing in for the P1 cable.</summary>
public sealed class P1SerialConnectionTests
{
    [Fact]
    public async Task Telegrams_written_to_a_serial_line_are_read_by_the_serial_source()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        using var pty = PseudoTerminal.Open();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var source = new P1TelegramSource(new P1SerialConnection(new P1SerialSettings(pty.SlavePath)));
        var telegrams = new List<long?>();
        await foreach (var e in source.ReadAsync(timeout.Token))
        {
            if (e.Kind == P1SourceEventKind.Connected)
            {
                // The meter starts talking once the port is open: half a telegram first, as after plugging in.
                var iskra = DsmrTelegrams.Bytes("iskra_dsmr50");
                byte[] line = [.. iskra.AsSpan(400).ToArray(), .. DsmrTelegrams.Bytes("kaifa_dsmr42"), .. iskra];
                await pty.Master.WriteAsync(line, timeout.Token);
                await pty.Master.FlushAsync(timeout.Token);
            }

            if (e.Kind == P1SourceEventKind.Telegram)
            {
                telegrams.Add(e.Telegram!.ImportT1Wh);
                if (telegrams.Count == 2)
                {
                    break;
                }
            }
        }

        Assert.Equal([1_581_123L, 4_426L], telegrams);
        Assert.Equal($"serial {pty.SlavePath} 115200 8N1", source.Description);
    }
}
