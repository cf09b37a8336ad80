namespace OpenVpp.Protocols.Modbus;

/// <summary>
/// A response that is not a valid answer to the request sent (wrong transaction id, unit, function or length, a
/// malformed header). The stream can no longer be trusted: the client drops the connection and reconnects.
/// </summary>
public sealed class ModbusProtocolException : Exception
{
    public ModbusProtocolException()
    {
    }

    public ModbusProtocolException(string message)
        : base(message)
    {
    }

    public ModbusProtocolException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
