using System.CommandLine;
using System.Text.Json;
using OpenVpp.Cli.SunSpec;
using OpenVpp.Protocols.Modbus;
using OpenVpp.Protocols.Modbus.Transport;
using OpenVpp.Protocols.SunSpec;

namespace OpenVpp.Cli.Commands;

/// <summary>openvpp sunspec: commissioning tools for SunSpec inverters, batteries and meters over Modbus TCP.</summary>
internal static class SunSpecCommand
{
    public static Command Create()
    {
        var command = new Command("sunspec", """
            SunSpec devices over Modbus TCP (PV inverters, batteries, meters): check that a device talks before it is
            enrolled in the gateway.
            """);
        command.Add(Scan());
        return command;
    }

    private static Command Scan()
    {
        var host = new Option<string>("--host") { Description = "Host name or IP address of the device or Modbus TCP gateway.", Required = true };
        var port = new Option<int>("--port") { Description = "Modbus TCP port.", DefaultValueFactory = _ => 502 };
        var unit = new Option<int>("--unit") { Description = "Modbus unit id (1-247; meters behind an inverter often use 2 or 240).", DefaultValueFactory = _ => 1 };
        var timeout = CommonOptions.Duration("--timeout", "How long one Modbus request may take.", TimeSpan.FromSeconds(3));
        var json = CommonOptions.Json();
        var command = new Command("scan", """
            Find the SunSpec register map of one Modbus unit and print everything in it: where the 'SunS' marker is
            (register 40000, 0 or 50000), the device identity from the common model (manufacturer, model, options,
            version, serial number, device address), then every model in the chain with each point's label, value with
            its scale factor applied, and units. Points the device does not implement are shown as — (null in JSON);
            models this tool has no definition for are listed with their id and length. A model the device refuses to
            read (a Modbus exception) is reported and the scan goes on.
            Exit code 0: the device answered with a SunSpec map; 1: nothing answered, no marker was found, or the
            device failed; 2: bad options.

            Examples:
              openvpp sunspec scan --host 192.168.1.20
              openvpp sunspec scan --host modbus-gw.local --port 502 --unit 3 --json
            """)
        {
            host, port, unit, timeout, json,
        };
        command.SetAction((parse, cancel) => CommandErrors.RunAsync("sunspec scan", async () =>
        {
            var unitId = parse.GetValue(unit);
            var tcpPort = parse.GetValue(port);
            if (unitId is < 0 or > 255)
            {
                throw CommandException.Usage($"--unit must be 0-255 (usually 1-247), not {unitId}.");
            }

            if (tcpPort is < 1 or > 65535)
            {
                throw CommandException.Usage($"--port must be 1-65535, not {tcpPort}.");
            }

            await using var modbus = new ModbusTcpClient(new ModbusTcpClientOptions(parse.GetValue(host)!, tcpPort, parse.GetValue(timeout)));
            SunSpecScan scan;
            try
            {
                scan = await new SunSpecClient(modbus, (byte)unitId).ScanAsync(cancel).ConfigureAwait(false);
            }
            catch (Exception e) when (e is SunSpecException or ModbusException or ModbusProtocolException)
            {
                throw new CommandException(e.Message, e);
            }

            var report = SunSpecScanPrinter.Report(modbus.Endpoint, scan);
            Console.Write(parse.GetValue(json)
                ? JsonSerializer.Serialize(report, SunSpecJsonContext.Default.SunSpecScanReport) + Environment.NewLine
                : SunSpecScanPrinter.Text(report));
            return 0;
        }, cancel));
        return command;
    }
}
