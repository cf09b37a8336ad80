namespace OpenVpp.Protocols.Modbus;

/// <summary>
/// The server understood the request and refused it with an exception response; the connection is fine and the next
/// request may succeed. <see cref="Code"/> says why (an address the device does not have, a busy device, a gateway
/// that cannot reach the unit).
/// </summary>
public sealed class ModbusException : Exception
{
    public ModbusException()
    {
    }

    public ModbusException(string message)
        : base(message)
    {
    }

    public ModbusException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ModbusException(ModbusExceptionCode code, ModbusFunction function, byte unitId, ushort address, ushort count)
        : base($"Modbus unit {unitId} answered {function} at address {address} (count {count}) with exception {(byte)code} {Describe(code)}")
    {
        Code = code;
        Function = function;
        UnitId = unitId;
        Address = address;
        Count = count;
    }

    public ModbusExceptionCode Code { get; }

    public ModbusFunction Function { get; }

    public byte UnitId { get; }

    public ushort Address { get; }

    public ushort Count { get; }

    /// <summary>The code's name and what it usually means, for messages an installer reads.</summary>
    public static string Describe(ModbusExceptionCode code) => code switch
    {
        ModbusExceptionCode.IllegalFunction => "IllegalFunction (the device does not support this function)",
        ModbusExceptionCode.IllegalDataAddress => "IllegalDataAddress (the device has no register there)",
        ModbusExceptionCode.IllegalDataValue => "IllegalDataValue (the device refused the value or the request length)",
        ModbusExceptionCode.ServerDeviceFailure => "ServerDeviceFailure (the device failed while handling the request)",
        ModbusExceptionCode.Acknowledge => "Acknowledge (the device accepted a long-running request; ask again later)",
        ModbusExceptionCode.ServerDeviceBusy => "ServerDeviceBusy (the device is busy; retry later)",
        ModbusExceptionCode.MemoryParityError => "MemoryParityError (the device's memory failed a parity check)",
        ModbusExceptionCode.GatewayPathUnavailable => "GatewayPathUnavailable (the gateway has no path to this unit id)",
        ModbusExceptionCode.GatewayTargetFailedToRespond => "GatewayTargetFailedToRespond (the gateway got no answer from this unit id; check the unit id and the RS-485 wiring)",
        _ => $"0x{(byte)code:X2} (not a standard exception code)",
    };
}
