namespace OpenVpp.Protocols.Modbus;

/// <summary>
/// What a request asked for, kept to check its response against: transaction id, unit, function, first register and
/// register count (for a single-register write, <see cref="Count"/> is the value written).
/// </summary>
public readonly record struct ModbusRequest(ushort TransactionId, byte UnitId, ModbusFunction Function, ushort Address, ushort Count);
