using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenVpp.Cli.Ocpp;
using OpenVpp.Protocols.Ocpp;
using OpenVpp.Protocols.Ocpp.Transport;

namespace OpenVpp.Cli.Commands;

/// <summary>openvpp ocpp: commissioning tools for EV chargers that speak OCPP.</summary>
internal static class OcppCommand
{
    public static Command Create()
    {
        var command = new Command("ocpp", "Commission EV chargers that speak OCPP 1.6 or 2.0.1 (JSON over WebSocket).");
        command.Add(Listen());
        return command;
    }

    private static Command Listen()
    {
        var port = new Option<int>("--port") { Description = "TCP port to listen on (0 picks a free one and prints it).", DefaultValueFactory = _ => 9000 };
        var address = new Option<string>("--listen") { Description = "Address to bind: 0.0.0.0 for chargers on the LAN, 127.0.0.1 for this machine only.", DefaultValueFactory = _ => "0.0.0.0" };
        var limit = new Option<int?>("--limit-w") { Description = "Send every station that boots a charging profile capping it at this many W (ChargePointMaxProfile / ChargingStationMaxProfile)." };
        var json = new Option<bool>("--json") { Description = "Print JSON lines (one object per event) instead of readable lines." };
        var password = new Option<string?>("--password") { Description = "Require every station to authenticate with HTTP Basic (OCPP Security Profile 1): username = its station id, password = this (16 to 40 characters). Without it any station id connects." };
        var command = new Command("listen", """
            Run a standalone charging station management system (CSMS) and print one line per message a charger sends and
            per reading derived from its meter values. Point the charger's OCPP backend URL at
            ws://<this host>:<port>/ocpp/<station id>; it may speak ocpp1.6 or ocpp2.0.1. Every message is checked against
            the official OCPP schemas; what fails gets a CALLERROR, shown here with its code. Ctrl-C stops it.

            Example: openvpp ocpp listen --port 9000 --limit-w 3680 --json
            """)
        {
            port, address, limit, json, password,
        };
        command.Validators.Add(result =>
        {
            if (result.GetValue(limit) is < 0)
            {
                result.AddError("--limit-w must be 0 (pause charging) or more.");
            }

            if (result.GetValue(port) is < 0 or > 65535)
            {
                result.AddError("--port must be 0 to 65535.");
            }

            if (result.GetValue(password) is { } p && OcppStationAccess.CheckPassword(p) is { } problem)
            {
                result.AddError($"--password: {problem}.");
            }
        });
        command.SetAction((parse, cancel) => CommandErrors.RunAsync(
            "ocpp listen",
            () => RunAsync(parse.GetValue(port), parse.GetRequiredValue(address), parse.GetValue(limit), parse.GetValue(json), parse.GetValue(password), cancel),
            cancel));
        return command;
    }

    private static async Task<int> RunAsync(int port, string address, int? limitW, bool json, string? password, CancellationToken cancel)
    {
        var access = password is null ? null : OcppStationAccess.WithPassword(password);
        var options = new OcppCsmsOptions { Port = port, ListenAddress = address, StationAccess = access is null ? null : _ => access };
        try
        {
            options.Validate();
        }
        catch (ArgumentException e)
        {
            throw CommandException.Usage(e.Message);
        }

        var output = Console.Out;
        var gate = new Lock();
        void Print(string line)
        {
            lock (gate)
            {
                output.WriteLine(line);
                output.Flush();
            }
        }

        // Warnings and errors of the CSMS (refused connections, oversized messages) go to stderr; events go to stdout.
        using var logging = LoggerFactory.Create(b =>
        {
            b.AddSimpleConsole(o => o.SingleLine = true).AddFilter(level => level >= LogLevel.Warning);
            b.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        });
        await using var csms = new OcppCsms(options, logging.CreateLogger<OcppCsms>());
        var pending = new List<Task>();
        csms.StationEvent += (_, e) =>
        {
            Print(json ? OcppEventLines.Json(e) : OcppEventLines.Text(e));
            if (e is OcppStationBooted booted && limitW is { } w)
            {
                // Not awaited: the station's answer arrives on the thread that raised this event.
                lock (pending)
                {
                    pending.Add(Task.Run(() => SendLimitAsync(csms, booted, w, json, Print, cancel), CancellationToken.None));
                }
            }
        };

        await csms.StartAsync(cancel).ConfigureAwait(false);
        Print(json ? OcppEventLines.ListeningJson(csms.Port)
            : $"listening on ws://{address}:{csms.Port}/ocpp/<station id> (ocpp1.6, ocpp2.0.1){(limitW is { } l ? $"; booting stations get a {l} W limit" : "")}. Ctrl-C stops.");
        try
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, cancel).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            // Ctrl-C: stop cleanly below.
        }

        await csms.StopAsync().ConfigureAwait(false);
        Task[] left;
        lock (pending)
        {
            left = [.. pending];
        }

        await Task.WhenAll(left).ConfigureAwait(false);
        return 0;
    }

    private static async Task SendLimitAsync(OcppCsms csms, OcppStationBooted booted, int limitW, bool json, Action<string> print, CancellationToken cancel)
    {
        try
        {
            var payload = OcppChargingProfiles.BuildSetLimit(booted.Version, OcppProfilePurpose.StationMax, 1, 1, limitW, booted.At);
            var outcome = await csms.CallAsync(booted.StationId, OcppChargingProfiles.SetChargingProfile, payload, cancel).ConfigureAwait(false);
            print(json ? OcppEventLines.LimitJson(booted.StationId, DateTimeOffset.UtcNow, limitW, outcome)
                : OcppEventLines.LimitText(booted.StationId, DateTimeOffset.UtcNow, limitW, outcome));
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            // Stopping.
        }
    }
}
