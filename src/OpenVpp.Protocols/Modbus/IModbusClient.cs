namespace OpenVpp.Protocols.Modbus;

/// <summary>
/// A Modbus master's view of one connection (Modbus TCP today), injected into SunSpec so that decoding and discovery
/// never own a socket. Implementations serialise requests, check every response against its request and throw
/// <see cref="ModbusException"/> for exception responses, <see cref="TimeoutException"/> when no answer came in time,
/// and <see cref="IOException"/> when the connection failed (the next request reconnects).
/// </summary>
public interface IModbusClient
{
    /// <summary>Where requests go, for messages (for example "192.168.1.20:502").</summary>
    string Endpoint { get; }

    /// <summary>Reads <paramref name="count"/> holding registers (function 03), split into requests of at most 125.</summary>
    Task<ushort[]> ReadHoldingRegistersAsync(byte unitId, ushort address, int count, CancellationToken cancellationToken);

    /// <summary>Writes one holding register (function 06).</summary>
    Task WriteSingleRegisterAsync(byte unitId, ushort address, ushort value, CancellationToken cancellationToken);

    /// <summary>Writes consecutive holding registers (function 16), split into requests of at most 123.</summary>
    Task WriteMultipleRegistersAsync(byte unitId, ushort address, ReadOnlyMemory<ushort> values, CancellationToken cancellationToken);
}
