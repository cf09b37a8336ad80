using System.Text;
using OpenVpp.Protocols.SunSpec.Definitions;

namespace OpenVpp.Protocols.SunSpec.Simulation;

/// <summary>
/// Builds a SunSpec register map from the embedded model definitions: the "SunS" marker, models with their ID and L,
/// and the end marker. Every point starts as its type's "not implemented" value, so a test sets only what the device
/// implements, as raw register values (scale factors are points too). Used by the tests and by `openvpp peers`, which
/// serves a simulated home's inverter, battery and meter through a Modbus TCP server.
/// </summary>
public sealed class SunSpecMapBuilder
{
    private readonly List<ushort> _registers = [0x5375, 0x6E53];

    public SunSpecMapBuilder(ushort baseAddress = 40000)
    {
        BaseAddress = baseAddress;
    }

    public ushort BaseAddress { get; }

    /// <summary>Adds model <paramref name="id"/>; <paramref name="counts"/> gives the instances of repeating groups by name.</summary>
    public SunSpecMapBuilder Model(int id, Action<ModelValues>? values = null, IReadOnlyDictionary<string, int>? counts = null)
    {
        var definition = SunSpecModelCatalog.Embedded.Find(id) ?? throw new ArgumentException($"No definition for model {id}.", nameof(id));
        var layout = new List<(string Path, SunSpecPointDefinition Point, int Offset)>();
        var length = Layout(definition.Group, string.Empty, 0, layout, counts ?? new Dictionary<string, int>());
        var model = new ushort[length];
        foreach (var (_, point, offset) in layout)
        {
            NotImplemented(point).CopyTo(model, offset);
        }

        var setter = new ModelValues(layout, model);
        setter.Set("ID", id).Set("L", length - 2);
        foreach (var (path, point, _) in layout)
        {
            // Count points follow the counts the map was built with.
            if (counts is not null && counts.Values.Any() && IsCountPoint(definition.Group, point.Name))
            {
                var group = CountedGroup(definition.Group, point.Name)!;
                setter.Set(path, counts.GetValueOrDefault(group, 0));
            }
        }

        values?.Invoke(setter);
        _registers.AddRange(model);
        return this;
    }

    /// <summary>Adds a model this project has no definition for (a vendor model), filled with zeros.</summary>
    public SunSpecMapBuilder Unknown(ushort id, int length)
    {
        _registers.Add(id);
        _registers.Add((ushort)length);
        _registers.AddRange(new ushort[length]);
        return this;
    }

    /// <summary>The registers from the marker through the end model (0xFFFF, 0).</summary>
    public ushort[] Build() => [.. _registers, 0xFFFF, 0];

    /// <summary>The address of the first model with id <paramref name="id"/> in what was built so far.</summary>
    public ushort AddressOf(int id)
    {
        var at = 2;
        while (at < _registers.Count)
        {
            if (_registers[at] == id)
            {
                return (ushort)(BaseAddress + at);
            }

            at += 2 + _registers[at + 1];
        }

        throw new ArgumentException($"Model {id} is not in the map.", nameof(id));
    }

    /// <summary>
    /// The registers that hold <paramref name="raw"/> in top-level point <paramref name="point"/> of model
    /// <paramref name="id"/>, big-endian as on the wire, and their address: for updating a served map in place.
    /// </summary>
    public (ushort Address, ushort[] Registers) Encode(int id, string point, long raw)
    {
        var definition = SunSpecModelCatalog.Embedded.Find(id)!.Group.Point(point) ?? throw new ArgumentException($"Model {id} has no point {point}.", nameof(point));
        var registers = new ushort[definition.Size];
        var bits = unchecked((ulong)raw);
        for (var i = definition.Size - 1; i >= 0; i--)
        {
            registers[i] = (ushort)(bits & 0xFFFF);
            bits >>= 16;
        }

        return (AddressOf(id, point), registers);
    }

    /// <summary>The address of a top-level point of the first model with id <paramref name="id"/>.</summary>
    public ushort AddressOf(int id, string point) =>
        (ushort)(AddressOf(id) + SunSpecModelCatalog.Embedded.Find(id)!.Group.Point(point)!.Offset);

    private static bool IsCountPoint(SunSpecGroupDefinition group, string name) => CountedGroup(group, name) is not null;

    private static string? CountedGroup(SunSpecGroupDefinition group, string countPoint)
    {
        foreach (var child in group.Groups)
        {
            if (child.CountPoint == countPoint)
            {
                return child.Name;
            }

            if (CountedGroup(child, countPoint) is { } inner)
            {
                return inner;
            }
        }

        return null;
    }

    private static int Layout(
        SunSpecGroupDefinition group, string prefix, int offset, List<(string, SunSpecPointDefinition, int)> layout, IReadOnlyDictionary<string, int> counts)
    {
        foreach (var point in group.Points)
        {
            layout.Add((prefix + point.Name, point, offset + point.Offset));
        }

        offset += group.PointsLength;
        foreach (var child in group.Groups)
        {
            var n = child.IsRepeating ? counts.GetValueOrDefault(child.Name, child.FixedCount ?? 0) : 1;
            for (var i = 1; i <= n; i++)
            {
                var name = child.IsRepeating ? $"{child.Name}[{i}]" : child.Name;
                offset = Layout(child, $"{prefix}{name}.", offset, layout, counts);
            }
        }

        return offset;
    }

    private static ushort[] NotImplemented(SunSpecPointDefinition point)
    {
        var registers = new ushort[point.Size];
        switch (point.Type)
        {
            case SunSpecPointType.Int16 or SunSpecPointType.SunSsf or SunSpecPointType.Int32 or SunSpecPointType.Int64 or SunSpecPointType.Pad:
                registers[0] = 0x8000;
                break;
            case SunSpecPointType.UInt16 or SunSpecPointType.UInt32 or SunSpecPointType.UInt64 or SunSpecPointType.Enum16 or SunSpecPointType.Enum32
                or SunSpecPointType.Bitfield16 or SunSpecPointType.Bitfield32 or SunSpecPointType.Bitfield64 or SunSpecPointType.Eui48:
                Array.Fill(registers, (ushort)0xFFFF);
                break;
            case SunSpecPointType.Float32 or SunSpecPointType.Float64:
                registers[0] = 0x7FC0;
                if (point.Type == SunSpecPointType.Float64)
                {
                    registers[0] = 0x7FF8;
                }

                break;
        }

        return registers;
    }

    /// <summary>Sets raw register values of one model by point path ("W", "Crv[1].Pt[2].V").</summary>
    public sealed class ModelValues(List<(string Path, SunSpecPointDefinition Point, int Offset)> layout, ushort[] model)
    {
        public ModelValues Set(string path, long raw)
        {
            var (point, offset) = Find(path);
            var bits = unchecked((ulong)raw);
            for (var i = point.Size - 1; i >= 0; i--)
            {
                model[offset + i] = (ushort)(bits & 0xFFFF);
                bits >>= 16;
            }

            return this;
        }

        public ModelValues Text(string path, string text)
        {
            var (point, offset) = Find(path);
            var bytes = Encoding.UTF8.GetBytes(text);
            for (var i = 0; i < point.Size; i++)
            {
                var hi = 2 * i < bytes.Length ? bytes[2 * i] : (byte)0;
                var lo = (2 * i) + 1 < bytes.Length ? bytes[(2 * i) + 1] : (byte)0;
                model[offset + i] = (ushort)((hi << 8) | lo);
            }

            return this;
        }

        public ModelValues SetFloat32(string path, float value)
        {
            var (_, offset) = Find(path);
            var bits = BitConverter.SingleToUInt32Bits(value);
            model[offset] = (ushort)(bits >> 16);
            model[offset + 1] = (ushort)(bits & 0xFFFF);
            return this;
        }

        private (SunSpecPointDefinition Point, int Offset) Find(string path)
        {
            foreach (var (p, point, offset) in layout)
            {
                if (p == path)
                {
                    return (point, offset);
                }
            }

            throw new ArgumentException($"No point {path} in this model.", nameof(path));
        }
    }
}
