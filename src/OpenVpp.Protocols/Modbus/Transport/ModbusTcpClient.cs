using System.Net.Sockets;

namespace OpenVpp.Protocols.Modbus.Transport;

/// <summary>
/// Modbus TCP master over one TCP connection, opened on first use and again after any failure. Requests go one at a
/// time (many devices and RS-485 gateways handle only one), each with a fresh transaction id and a timeout. After a
/// timeout, a broken connection or a response that does not match its request, the connection is closed rather than
/// trusted: a late answer would otherwise be taken for the next request's.
/// </summary>
public sealed class ModbusTcpClient : IModbusClient, IAsyncDisposable, IDisposable
{
    private readonly ModbusTcpClientOptions _options;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly byte[] _buffer = new byte[MbapFrame.MaxFrameLength];
    private TcpClient? _tcp;
    private NetworkStream? _stream;
    private ushort _transactionId;

    public ModbusTcpClient(ModbusTcpClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Host);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Port, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.Port, 65535);
        _options = options;
        Endpoint = $"{options.Host}:{options.Port}";
    }

    public string Endpoint { get; }

    /// <summary>Connections opened so far (the first one plus reconnects), for status and tests.</summary>
    public int Connections { get; private set; }

    /// <summary>Whether a connection is open now.</summary>
    public bool IsConnected => _stream is not null;

    public async Task<ushort[]> ReadHoldingRegistersAsync(byte unitId, ushort address, int count, CancellationToken cancellationToken)
    {
        CheckRange(address, count);
        var result = new ushort[count];
        for (var offset = 0; offset < count; offset += MbapFrame.MaxReadRegisters)
        {
            var part = (ushort)Math.Min(MbapFrame.MaxReadRegisters, count - offset);
            var registers = await ExchangeAsync(new ModbusRequest(0, unitId, ModbusFunction.ReadHoldingRegisters, (ushort)(address + offset), part), default, cancellationToken).ConfigureAwait(false);
            registers.CopyTo(result, offset);
        }

        return result;
    }

    public async Task WriteSingleRegisterAsync(byte unitId, ushort address, ushort value, CancellationToken cancellationToken) =>
        await ExchangeAsync(new ModbusRequest(0, unitId, ModbusFunction.WriteSingleRegister, address, value), default, cancellationToken).ConfigureAwait(false);

    public async Task WriteMultipleRegistersAsync(byte unitId, ushort address, ReadOnlyMemory<ushort> values, CancellationToken cancellationToken)
    {
        CheckRange(address, values.Length);
        for (var offset = 0; offset < values.Length; offset += MbapFrame.MaxWriteRegisters)
        {
            var part = Math.Min(MbapFrame.MaxWriteRegisters, values.Length - offset);
            await ExchangeAsync(
                new ModbusRequest(0, unitId, ModbusFunction.WriteMultipleRegisters, (ushort)(address + offset), (ushort)part),
                values.Slice(offset, part),
                cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Closes the connection now; the next request opens a new one.</summary>
    public async Task DisconnectAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            Drop();
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await DisconnectAsync().ConfigureAwait(false);
        _gate.Dispose();
    }

    public void Dispose()
    {
        Drop();
        _gate.Dispose();
    }

    private static void CheckRange(ushort address, int count)
    {
        if (count < 1 || address + count > 65536)
        {
            throw new ArgumentOutOfRangeException(nameof(count), $"Registers {address}..{address + count - 1} are outside the 0..65535 address space.");
        }
    }

    private async Task<ushort[]> ExchangeAsync(ModbusRequest request, ReadOnlyMemory<ushort> values, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.Timeout);
        try
        {
            var stream = await ConnectedStreamAsync(timeout.Token).ConfigureAwait(false);
            request = request with { TransactionId = ++_transactionId };
            var length = request.Function switch
            {
                ModbusFunction.ReadHoldingRegisters => MbapFrame.WriteReadHoldingRegisters(_buffer, request),
                ModbusFunction.WriteSingleRegister => MbapFrame.WriteWriteSingleRegister(_buffer, request),
                _ => MbapFrame.WriteWriteMultipleRegisters(_buffer, request, values.Span),
            };
            await stream.WriteAsync(_buffer.AsMemory(0, length), timeout.Token).ConfigureAwait(false);
            await stream.ReadExactlyAsync(_buffer.AsMemory(0, MbapFrame.HeaderLength), timeout.Token).ConfigureAwait(false);
            var header = MbapFrame.ReadHeader(_buffer);
            await stream.ReadExactlyAsync(_buffer.AsMemory(MbapFrame.HeaderLength, header.PduLength), timeout.Token).ConfigureAwait(false);
            return MbapFrame.ReadResponse(request, header, _buffer.AsSpan(MbapFrame.HeaderLength, header.PduLength));
        }
        catch (ModbusException)
        {
            // The device refused this request; the connection itself is fine.
            throw;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            Drop();
            throw new TimeoutException(
                $"Modbus {request.Function} at {request.Address} for unit {request.UnitId} on {Endpoint} got no answer within {_options.Timeout.TotalSeconds:0.###} s; check that the device is on and the unit id is right.");
        }
        catch (EndOfStreamException e)
        {
            Drop();
            throw new IOException($"The Modbus server at {Endpoint} closed the connection during {request.Function} at {request.Address}; it will be reopened on the next request.", e);
        }
        catch (SocketException e)
        {
            Drop();
            throw new IOException($"Cannot reach the Modbus server at {Endpoint}: {e.Message}.", e);
        }
        catch
        {
            Drop();
            throw;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async ValueTask<NetworkStream> ConnectedStreamAsync(CancellationToken cancellationToken)
    {
        if (_stream is not null)
        {
            return _stream;
        }

        var tcp = new TcpClient { NoDelay = true };
        try
        {
            await tcp.ConnectAsync(_options.Host, _options.Port, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            tcp.Dispose();
            throw;
        }

        _tcp = tcp;
        _stream = tcp.GetStream();
        Connections++;
        return _stream;
    }

    private void Drop()
    {
        _stream?.Dispose();
        _tcp?.Dispose();
        _stream = null;
        _tcp = null;
    }
}
