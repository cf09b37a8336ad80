namespace OpenVpp.Protocols.Dsmr.Transport;

/// <summary>
/// A P1 serial port. DSMR 4 and 5 meters send at 115200 baud, 8 data bits, no parity, 1 stop bit ("8N1"); DSMR 2.2
/// and 3.0 meters at 9600 baud, 7 data bits, even parity, 1 stop bit ("7E1").
/// </summary>
public sealed record P1SerialSettings(string PortName, int BaudRate = 115200, string Framing = "8N1")
{
    /// <summary>The settings of a DSMR 2.2/3.0 meter on <paramref name="portName"/>.</summary>
    public static P1SerialSettings Dsmr2Or3(string portName) => new(portName, 9600, "7E1");

    /// <summary>Checks <see cref="Framing"/> ("8N1", "7E1", …: data bits 5–8, parity N/E/O/M/S, stop bits 1 or 2).</summary>
    public bool TryParseFraming(out int dataBits, out char parity, out int stopBits)
    {
        dataBits = 0;
        parity = 'N';
        stopBits = 0;
        var f = Framing.Trim().ToUpperInvariant();
        if (f.Length != 3 || f[0] is < '5' or > '8' || f[1] is not ('N' or 'E' or 'O' or 'M' or 'S') || f[2] is not ('1' or '2'))
        {
            return false;
        }

        (dataBits, parity, stopBits) = (f[0] - '0', f[1], f[2] - '0');
        return true;
    }

    public override string ToString() => $"{PortName} {BaudRate} {Framing}";
}
