using System.CommandLine;
using System.Text.Json;
using OpenVpp.Cli.P1;
using OpenVpp.Gateway.Adapters.P1;
using OpenVpp.Protocols.Dsmr;
using OpenVpp.Protocols.Dsmr.Transport;

namespace OpenVpp.Cli.Commands;

/// <summary>openvpp p1: DSMR P1 smart meter tools for installers.</summary>
internal static class P1Command
{
    public static Command Create()
    {
        var p1 = new Command("p1", "DSMR P1 smart meters (NL DSMR 2.2-5.0, Belgian e-MUCS, Luxembourg Smarty): decode telegrams, watch a meter.");
        p1.Add(Decode());
        return p1;
    }

    private static Command Decode()
    {
        var file = new Argument<string?>("FILE") { Description = "File with one or more telegrams, or - for standard input (the default).", Arity = ArgumentArity.ZeroOrOne };
        var json = new Option<bool>("--json") { Description = "Print one JSON object per telegram (JSON lines) instead of text." };
        var tcp = new Option<string?>("--tcp") { Description = "Watch a live meter on a ser2net-style socket, host:port." };
        var serial = new Option<string?>("--serial") { Description = "Watch a live meter on a serial device, for example /dev/ttyUSB0." };
        var baud = new Option<int>("--baud") { Description = "Serial speed: 115200 for DSMR 4/5, 9600 for DSMR 2.2/3.0.", DefaultValueFactory = _ => 115_200 };
        var framing = new Option<string>("--framing") { Description = "Serial framing: 8N1 for DSMR 4/5, 7E1 for DSMR 2.2/3.0.", DefaultValueFactory = _ => "8N1" };
        var smartyKey = new Option<string?>("--smarty-key") { Description = "Luxembourg Smarty meters: the 32-hex-digit key to decrypt their AES-128-GCM frames." };
        var count = new Option<int?>("--count") { Description = "With --tcp or --serial: stop after this many telegrams." };
        var command = new Command("decode", """
            Decode P1 telegrams: check each one's CRC16 (DSMR 4 and later), then print every value with its unit, the meter
            time in UTC and in the meter's local time with its DST flag (S summer, W winter), per-phase values, the power
            failure log and M-Bus devices (gas, water, heat). Power is positive when the premises export to the grid.
            Garbage between telegrams is skipped. A telegram that is refused (bad CRC, cut off, wrong unit) is reported
            on standard error (with --json, as an object with "error") and the rest are still decoded; the exit code is
            then 1. Exit code 0: every telegram decoded; 2: the command line is wrong.

            Examples:
              openvpp p1 decode telegram.txt
              cat /dev/ttyUSB0 | openvpp p1 decode --json
              openvpp p1 decode --tcp 192.0.2.7:2001 --count 5
              openvpp p1 decode --serial /dev/ttyUSB0 --baud 9600 --framing 7E1
              openvpp p1 decode --serial /dev/ttyUSB0 --smarty-key 00112233445566778899AABBCCDDEEFF
            """)
        {
            file, json, tcp, serial, baud, framing, smartyKey, count,
        };
        command.SetAction((parse, cancel) => CommandErrors.RunAsync("p1 decode", async () =>
        {
            var output = new Output(parse.GetValue(json));
            var tcpEndpoint = parse.GetValue(tcp);
            var serialPort = parse.GetValue(serial);
            var path = parse.GetValue(file);
            var keyHex = parse.GetValue(smartyKey);
            var key = keyHex is null ? null : P1AdapterOptions.ParseKey(keyHex) ?? throw CommandException.Usage("--smarty-key must be 32 hex digits (16 bytes).");
            if ((tcpEndpoint is not null ? 1 : 0) + (serialPort is not null ? 1 : 0) + (path is not null ? 1 : 0) > 1)
            {
                throw CommandException.Usage("give one source: FILE (or -), --tcp host:port or --serial DEVICE.");
            }

            if (tcpEndpoint is not null || serialPort is not null)
            {
                return await WatchAsync(Connection(tcpEndpoint, serialPort, parse.GetValue(baud), parse.GetRequiredValue(framing)), key, output, parse.GetValue(count), cancel)
                    .ConfigureAwait(false);
            }

            return await DecodeStreamAsync(path, key, output, cancel).ConfigureAwait(false);
        }, cancel));
        return command;
    }

    private static IP1Connection Connection(string? tcp, string? serial, int baud, string framing)
    {
        if (tcp is not null)
        {
            return P1AdapterOptions.TryParseEndpoint(tcp, out var host, out var port)
                ? new P1TcpConnection(host, port)
                : throw CommandException.Usage($"--tcp '{tcp}' is not host:port.");
        }

        var settings = new P1SerialSettings(serial!, baud, framing);
        return settings.TryParseFraming(out _, out _, out _) && baud > 0
            ? new P1SerialConnection(settings)
            : throw CommandException.Usage($"--baud {baud} --framing {framing} is not a serial setting (use 115200 8N1, or 9600 7E1 for DSMR 2.2/3.0).");
    }

    private static async Task<int> DecodeStreamAsync(string? path, byte[]? smartyKey, Output output, CancellationToken cancel)
    {
        var stream = path is null or "-" ? Console.OpenStandardInput() : File.OpenRead(path);
        await using (stream.ConfigureAwait(false))
        {
            IP1FrameReader reader = smartyKey is null
                ? new P1FrameReader(stream)
                : new SmartyFrameReader(stream, smartyKey, SmartyFrame.DefaultAuthenticationKey);
            var failed = false;
            var number = 0;
            while (await reader.ReadAsync(cancel).ConfigureAwait(false) is { } frame)
            {
                number++;
                failed |= !await output.FrameAsync(number, frame).ConfigureAwait(false);
            }

            if (number == 0)
            {
                throw new CommandException($"no telegram in {(path is null or "-" ? "standard input" : path)}: nothing starts with {(smartyKey is null ? "'/'" : "an encrypted frame (0xDB)")}.");
            }

            return failed ? CommandErrors.Failure : 0;
        }
    }

    private static async Task<int> WatchAsync(IP1Connection connection, byte[]? smartyKey, Output output, int? count, CancellationToken cancel)
    {
        var source = new P1TelegramSource(connection, new P1SourceOptions { SmartyKey = smartyKey });
        var number = 0;
        var failed = false;
        try
        {
            await foreach (var e in source.ReadAsync(cancel).ConfigureAwait(false))
            {
                switch (e.Kind)
                {
                    case P1SourceEventKind.Telegram:
                        await output.TelegramAsync(++number, e.Telegram!).ConfigureAwait(false);
                        break;
                    case P1SourceEventKind.Rejected:
                        failed = true;
                        await output.RefusedAsync(++number, e.Error?.Reason.ToString() ?? "Dropped", e.Message ?? "dropped").ConfigureAwait(false);
                        break;
                    default:
                        await Console.Error.WriteLineAsync($"p1 decode: {e.Kind.ToString().ToLowerInvariant()}: {e.Message}{(e.RetryIn is { } r ? $"; retrying in {r.TotalSeconds:0.#} s" : string.Empty)}")
                            .ConfigureAwait(false);
                        break;
                }

                if (count is { } wanted && number >= wanted)
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            // Ctrl-C ends a watch; what was printed is the result.
        }

        return failed ? CommandErrors.Failure : 0;
    }

    /// <summary>Prints telegrams and refusals as text or JSON lines.</summary>
    private sealed class Output(bool json)
    {
        public async Task<bool> FrameAsync(int number, P1Frame frame)
        {
            if (frame.IsDropped)
            {
                await RefusedAsync(number, "Dropped", frame.DroppedReason!).ConfigureAwait(false);
                return false;
            }

            var result = P1Parser.Parse(frame.Telegram.Span);
            if (!result.IsOk)
            {
                await RefusedAsync(number, result.Error.Reason.ToString(), result.Error.Message).ConfigureAwait(false);
                return false;
            }

            await TelegramAsync(number, result.Telegram).ConfigureAwait(false);
            return true;
        }

        public Task TelegramAsync(int number, P1Telegram telegram) => json
            ? Console.Out.WriteLineAsync(JsonSerializer.Serialize(P1TelegramReport.From(number, telegram), P1JsonContext.Default.P1TelegramReport))
            : Console.Out.WriteLineAsync(P1TelegramPrinter.Format(number, telegram));

        public Task RefusedAsync(int number, string reason, string message) => json
            ? Console.Out.WriteLineAsync(JsonSerializer.Serialize(new P1RefusalReport(number, JsonNamingPolicy.SnakeCaseLower.ConvertName(reason), message), P1JsonContext.Default.P1RefusalReport))
            : Console.Error.WriteLineAsync($"p1 decode: telegram {number} refused: {message}");
    }
}
