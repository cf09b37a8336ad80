using System.Buffers.Binary;

namespace OpenVpp.Protocols.Modbus;

/// <summary>
/// Modbus TCP framing (MBAP header + PDU) for the functions this project uses, as pure functions over spans: encoding
/// requests and checking that a response answers the request that was sent. No I/O here; see Transport/.
/// </summary>
public static class MbapFrame
{
    /// <summary>Transaction id (2), protocol id (2), length (2), unit id (1).</summary>
    public const int HeaderLength = 7;

    /// <summary>The largest PDU the protocol allows (function code + 252 bytes).</summary>
    public const int MaxPduLength = 253;

    /// <summary>The most registers one read may ask for (a 250-byte answer).</summary>
    public const int MaxReadRegisters = 125;

    /// <summary>The most registers one write-multiple request may carry.</summary>
    public const int MaxWriteRegisters = 123;

    /// <summary>The largest whole frame: header plus the largest PDU.</summary>
    public const int MaxFrameLength = HeaderLength + MaxPduLength;

    /// <summary>Encodes a function 03 request into <paramref name="destination"/>; returns the bytes written (12).</summary>
    public static int WriteReadHoldingRegisters(Span<byte> destination, ModbusRequest request)
    {
        if (request.Count is 0 or > MaxReadRegisters)
        {
            throw new ArgumentOutOfRangeException(nameof(request), $"A read asks for 1 to {MaxReadRegisters} registers, not {request.Count}.");
        }

        WriteHeader(destination, request.TransactionId, request.UnitId, pduLength: 5);
        destination[7] = (byte)ModbusFunction.ReadHoldingRegisters;
        BinaryPrimitives.WriteUInt16BigEndian(destination[8..], request.Address);
        BinaryPrimitives.WriteUInt16BigEndian(destination[10..], request.Count);
        return 12;
    }

    /// <summary>Encodes a function 06 request (<see cref="ModbusRequest.Count"/> holds the value); returns 12.</summary>
    public static int WriteWriteSingleRegister(Span<byte> destination, ModbusRequest request)
    {
        WriteHeader(destination, request.TransactionId, request.UnitId, pduLength: 5);
        destination[7] = (byte)ModbusFunction.WriteSingleRegister;
        BinaryPrimitives.WriteUInt16BigEndian(destination[8..], request.Address);
        BinaryPrimitives.WriteUInt16BigEndian(destination[10..], request.Count);
        return 12;
    }

    /// <summary>Encodes a function 16 request with <paramref name="values"/>; returns the bytes written.</summary>
    public static int WriteWriteMultipleRegisters(Span<byte> destination, ModbusRequest request, ReadOnlySpan<ushort> values)
    {
        if (values.Length is 0 or > MaxWriteRegisters || values.Length != request.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(values), $"A write carries 1 to {MaxWriteRegisters} registers and matches the request's count; got {values.Length} for count {request.Count}.");
        }

        var pduLength = 6 + (values.Length * 2);
        WriteHeader(destination, request.TransactionId, request.UnitId, pduLength);
        destination[7] = (byte)ModbusFunction.WriteMultipleRegisters;
        BinaryPrimitives.WriteUInt16BigEndian(destination[8..], request.Address);
        BinaryPrimitives.WriteUInt16BigEndian(destination[10..], request.Count);
        destination[12] = (byte)(values.Length * 2);
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteUInt16BigEndian(destination[(13 + (2 * i))..], values[i]);
        }

        return HeaderLength + pduLength;
    }

    /// <summary>Reads and checks the 7-byte header; throws <see cref="ModbusProtocolException"/> when it cannot be Modbus TCP.</summary>
    public static MbapHeader ReadHeader(ReadOnlySpan<byte> header)
    {
        if (header.Length < HeaderLength)
        {
            throw new ModbusProtocolException($"A Modbus TCP header is {HeaderLength} bytes, got {header.Length}.");
        }

        var parsed = new MbapHeader(
            BinaryPrimitives.ReadUInt16BigEndian(header),
            BinaryPrimitives.ReadUInt16BigEndian(header[2..]),
            BinaryPrimitives.ReadUInt16BigEndian(header[4..]),
            header[6]);
        if (parsed.ProtocolId != 0)
        {
            throw new ModbusProtocolException($"Protocol id {parsed.ProtocolId} in the response header is not Modbus (0); is this port a Modbus TCP server?");
        }

        if (parsed.PduLength is < 2 or > MaxPduLength)
        {
            throw new ModbusProtocolException($"The response header announces a {parsed.PduLength}-byte PDU; Modbus allows 2 to {MaxPduLength}.");
        }

        return parsed;
    }

    /// <summary>
    /// Checks that <paramref name="header"/> and <paramref name="pdu"/> answer <paramref name="request"/> and returns the
    /// registers read (function 03) or an empty array (writes, which echo the request). An exception response becomes
    /// a <see cref="ModbusException"/>; anything that does not match, a <see cref="ModbusProtocolException"/>.
    /// </summary>
    public static ushort[] ReadResponse(ModbusRequest request, MbapHeader header, ReadOnlySpan<byte> pdu)
    {
        if (header.TransactionId != request.TransactionId)
        {
            throw new ModbusProtocolException($"Response transaction id {header.TransactionId} does not match request {request.TransactionId}.");
        }

        if (header.UnitId != request.UnitId)
        {
            throw new ModbusProtocolException($"Response from unit {header.UnitId} to a request for unit {request.UnitId}.");
        }

        if (pdu.Length != header.PduLength)
        {
            throw new ModbusProtocolException($"The header announces {header.PduLength} PDU bytes but {pdu.Length} were given.");
        }

        var function = (byte)request.Function;
        if (pdu[0] == (function | 0x80))
        {
            if (pdu.Length != 2)
            {
                throw new ModbusProtocolException($"An exception response is 2 bytes, got {pdu.Length}.");
            }

            throw new ModbusException((ModbusExceptionCode)pdu[1], request.Function, request.UnitId, request.Address, request.Count);
        }

        if (pdu[0] != function)
        {
            throw new ModbusProtocolException($"Response function 0x{pdu[0]:X2} does not match request function 0x{function:X2}.");
        }

        return request.Function switch
        {
            ModbusFunction.ReadHoldingRegisters => ReadRegisters(request, pdu),
            ModbusFunction.WriteSingleRegister or ModbusFunction.WriteMultipleRegisters => CheckEcho(request, pdu),
            _ => throw new ArgumentOutOfRangeException(nameof(request), $"Function {request.Function} is not supported."),
        };
    }

    private static ushort[] ReadRegisters(ModbusRequest request, ReadOnlySpan<byte> pdu)
    {
        var expectedBytes = request.Count * 2;
        if (pdu.Length < 2 || pdu[1] != expectedBytes || pdu.Length != 2 + expectedBytes)
        {
            var announced = pdu.Length >= 2 ? pdu[1] : -1;
            throw new ModbusProtocolException($"Asked for {request.Count} registers ({expectedBytes} bytes); the response carries {announced} bytes in a {pdu.Length}-byte PDU.");
        }

        var registers = new ushort[request.Count];
        for (var i = 0; i < registers.Length; i++)
        {
            registers[i] = BinaryPrimitives.ReadUInt16BigEndian(pdu[(2 + (2 * i))..]);
        }

        return registers;
    }

    private static ushort[] CheckEcho(ModbusRequest request, ReadOnlySpan<byte> pdu)
    {
        if (pdu.Length != 5)
        {
            throw new ModbusProtocolException($"A write response is 5 PDU bytes, got {pdu.Length}.");
        }

        var address = BinaryPrimitives.ReadUInt16BigEndian(pdu[1..]);
        var second = BinaryPrimitives.ReadUInt16BigEndian(pdu[3..]);
        if (address != request.Address || second != request.Count)
        {
            throw new ModbusProtocolException($"The write response echoes address {address}/{second}, not the request's {request.Address}/{request.Count}.");
        }

        return [];
    }

    private static void WriteHeader(Span<byte> destination, ushort transactionId, byte unitId, int pduLength)
    {
        if (destination.Length < HeaderLength + pduLength)
        {
            throw new ArgumentException($"Need {HeaderLength + pduLength} bytes, have {destination.Length}.", nameof(destination));
        }

        BinaryPrimitives.WriteUInt16BigEndian(destination, transactionId);
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], 0);
        BinaryPrimitives.WriteUInt16BigEndian(destination[4..], (ushort)(pduLength + 1));
        destination[6] = unitId;
    }
}
