using OpenVpp.Protocols.Modbus;
using OpenVpp.Protocols.SunSpec.Definitions;

namespace OpenVpp.Protocols.SunSpec;

/// <summary>
/// SunSpec over one Modbus unit: finds the "SunS" marker, walks the model chain, reads and decodes models and writes
/// control points. The Modbus connection is injected and shared (one TCP connection may serve several unit ids).
/// </summary>
public sealed class SunSpecClient
{
    /// <summary>
    /// Where the SunSpec specification lets the register map start, in the order devices most often use. These are
    /// protocol (0-based) addresses: the "40001" of 1-based register numbering is address 40000, so no 1-based variant
    /// is probed.
    /// </summary>
    public static readonly IReadOnlyList<ushort> BaseAddresses = [40000, 0, 50000];

    /// <summary>"Su" "nS".</summary>
    private const ushort Marker0 = 0x5375;
    private const ushort Marker1 = 0x6E53;
    private const ushort EndModelId = 0xFFFF;

    // A real device has a few dozen models; more means we are walking garbage.
    private const int MaxModels = 256;

    private readonly IModbusClient _modbus;
    private readonly SunSpecModelCatalog _catalog;

    public SunSpecClient(IModbusClient modbus, byte unitId, SunSpecModelCatalog? catalog = null)
    {
        _modbus = modbus ?? throw new ArgumentNullException(nameof(modbus));
        UnitId = unitId;
        _catalog = catalog ?? SunSpecModelCatalog.Embedded;
    }

    public byte UnitId { get; }

    /// <summary>
    /// Finds the marker and lists the models (id, address, length) without reading them. Throws
    /// <see cref="SunSpecException"/> when no base address holds the marker; Modbus errors other than "no such
    /// register" (timeouts, a busy device, a gateway that cannot reach the unit) propagate.
    /// </summary>
    public async Task<SunSpecScan> DiscoverAsync(CancellationToken cancellationToken)
    {
        var baseAddress = await FindMarkerAsync(cancellationToken).ConfigureAwait(false);
        var models = new List<SunSpecModel>();
        var address = baseAddress + 2;
        while (true)
        {
            if (address + 2 > ushort.MaxValue || models.Count >= MaxModels)
            {
                throw new SunSpecException($"The model chain of unit {UnitId} on {_modbus.Endpoint} runs past register {address} without an end marker (0xFFFF); the device's register map is broken.");
            }

            var header = await _modbus.ReadHoldingRegistersAsync(UnitId, (ushort)address, 2, cancellationToken).ConfigureAwait(false);
            if (header[0] == EndModelId)
            {
                break;
            }

            models.Add(new SunSpecModel(header[0], (ushort)address, header[1], _catalog.Find(header[0])));
            address += 2 + header[1];
        }

        return new SunSpecScan(UnitId, baseAddress, models);
    }

    /// <summary>
    /// Discovers and reads every known model. A model whose registers the device refuses (a Modbus exception) is kept
    /// with its <see cref="SunSpecModel.Error"/> and the scan goes on; a lost connection or timeout ends the scan.
    /// </summary>
    public async Task<SunSpecScan> ScanAsync(CancellationToken cancellationToken)
    {
        var directory = await DiscoverAsync(cancellationToken).ConfigureAwait(false);
        var models = new List<SunSpecModel>(directory.Models.Count);
        foreach (var model in directory.Models)
        {
            if (!model.IsKnown)
            {
                models.Add(model);
                continue;
            }

            try
            {
                models.Add(await ReadAsync(model, cancellationToken).ConfigureAwait(false));
            }
            catch (ModbusException e)
            {
                models.Add(model with { Error = e.Message });
            }
        }

        return directory with { Models = models };
    }

    /// <summary>Reads and decodes one model found by discovery.</summary>
    public async Task<SunSpecModel> ReadAsync(SunSpecModel model, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (model.Definition is not { } definition)
        {
            return model;
        }

        var registers = await _modbus.ReadHoldingRegistersAsync(UnitId, model.Address, model.Length + 2, cancellationToken).ConfigureAwait(false);
        if (registers[0] != model.Id)
        {
            throw new SunSpecException($"Register {model.Address} of unit {UnitId} now holds model id {registers[0]}, not {model.Id}; the device's register map changed, scan it again.");
        }

        return model with { Root = SunSpecModelDecoder.Decode(definition, model.Address, registers), Error = null };
    }

    /// <summary>
    /// Writes points of one model in the given order, each with function 16: reads the model first (for the current
    /// scale factors and addresses), then checks and encodes every value before writing any. Returns the values
    /// written, rounded to the device's resolution.
    /// </summary>
    public async Task<IReadOnlyList<decimal>> WriteAsync(SunSpecModel model, IReadOnlyList<(string Path, decimal Value)> points, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(points);
        var current = await ReadAsync(model, cancellationToken).ConfigureAwait(false);
        if (current.Root is null)
        {
            throw new SunSpecException($"Model {model.Id} has no definition here; its points cannot be written.");
        }

        var encoded = new List<(SunSpecPoint Point, ushort[] Registers, decimal Written)>(points.Count);
        foreach (var (path, value) in points)
        {
            var point = current.Find(path) ?? throw new SunSpecException(
                $"Model {model.Id} ({current.Label}) has no point '{path}'; its points: {string.Join(", ", current.Root.Points.Select(p => p.Name))}.");
            var (registers, written) = SunSpecPointWriter.Encode(point, value);
            encoded.Add((point, registers, written));
        }

        foreach (var (point, registers, _) in encoded)
        {
            await _modbus.WriteMultipleRegistersAsync(UnitId, point.Address, registers, cancellationToken).ConfigureAwait(false);
        }

        return [.. encoded.Select(e => e.Written)];
    }

    private async Task<ushort> FindMarkerAsync(CancellationToken cancellationToken)
    {
        foreach (var candidate in BaseAddresses)
        {
            ushort[] marker;
            try
            {
                marker = await _modbus.ReadHoldingRegistersAsync(UnitId, candidate, 2, cancellationToken).ConfigureAwait(false);
            }
            catch (ModbusException e) when (e.Code is ModbusExceptionCode.IllegalDataAddress or ModbusExceptionCode.IllegalFunction or ModbusExceptionCode.IllegalDataValue)
            {
                // No registers there on this device: try the next base address.
                continue;
            }

            if (marker[0] == Marker0 && marker[1] == Marker1)
            {
                return candidate;
            }
        }

        throw new SunSpecException(
            $"Unit {UnitId} on {_modbus.Endpoint} answers Modbus but has no SunSpec marker 'SunS' at {string.Join(", ", BaseAddresses)}; check that SunSpec (Modbus) is enabled on the device and the unit id is right.");
    }
}
