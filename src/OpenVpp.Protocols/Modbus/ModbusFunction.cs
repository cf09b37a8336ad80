namespace OpenVpp.Protocols.Modbus;

/// <summary>The Modbus function codes this client uses.</summary>
public enum ModbusFunction : byte
{
    ReadHoldingRegisters = 0x03,
    WriteSingleRegister = 0x06,
    WriteMultipleRegisters = 0x10,
}
