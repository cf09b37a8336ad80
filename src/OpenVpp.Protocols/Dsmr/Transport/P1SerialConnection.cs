using System.IO.Ports;

namespace OpenVpp.Protocols.Dsmr.Transport;

/// <summary>The meter's P1 port on a local serial device (usually a USB cable with an inverted-RX adapter, /dev/ttyUSB0).</summary>
public sealed class P1SerialConnection : IP1Connection
{
    private readonly P1SerialSettings _settings;
    private readonly int _dataBits;
    private readonly Parity _parity;
    private readonly StopBits _stopBits;

    public P1SerialConnection(P1SerialSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentException.ThrowIfNullOrWhiteSpace(settings.PortName);
        if (!settings.TryParseFraming(out _dataBits, out var parity, out var stopBits))
        {
            throw new ArgumentException($"serial framing '{settings.Framing}' is not like 8N1 or 7E1.", nameof(settings));
        }

        _settings = settings;
        _parity = parity switch { 'E' => Parity.Even, 'O' => Parity.Odd, 'M' => Parity.Mark, 'S' => Parity.Space, _ => Parity.None };
        _stopBits = stopBits == 2 ? StopBits.Two : StopBits.One;
    }

    public string Description => $"serial {_settings}";

    public ValueTask<Stream> OpenAsync(CancellationToken cancellationToken)
    {
        var port = new SerialPort(_settings.PortName, _settings.BaudRate, _parity, _dataBits, _stopBits) { ReadTimeout = SerialPort.InfiniteTimeout };
        try
        {
            port.Open();
            return ValueTask.FromResult<Stream>(new OwningStream(port.BaseStream, port));
        }
        catch (Exception e) when (e is UnauthorizedAccessException or ArgumentException or InvalidOperationException)
        {
            port.Dispose();
            throw new IOException($"cannot open serial port {_settings.PortName}: {e.Message}", e);
        }
        catch
        {
            port.Dispose();
            throw;
        }
    }
}
