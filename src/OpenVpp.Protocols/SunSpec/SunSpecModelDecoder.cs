using OpenVpp.Protocols.SunSpec.Definitions;

namespace OpenVpp.Protocols.SunSpec;

/// <summary>
/// Decodes a model's registers (from its ID register on) by its definition: points in order, scale factors applied
/// (value × 10^sf, as decimal), "not implemented" values absent, repeating groups decoded per repetition with their
/// count taken from the count point or, for the last group without one, from the registers left. Registers missing at
/// the end of a short model leave their points absent rather than failing the model.
/// </summary>
public static class SunSpecModelDecoder
{
    /// <summary>SunSpec scale factors range from -10 to 10; anything else is not a scale factor.</summary>
    private const int MaxScaleFactor = 10;

    public static SunSpecGroup Decode(SunSpecModelDefinition definition, ushort address, ReadOnlySpan<ushort> registers)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var offset = 0;
        return DecodeGroup(definition.Group, null, address, registers, ref offset, null);
    }

    private static SunSpecGroup DecodeGroup(
        SunSpecGroupDefinition group, int? index, ushort address, ReadOnlySpan<ushort> registers, ref int offset, Scope? parent)
    {
        var start = offset;
        var raw = new Dictionary<string, Int128?>(StringComparer.Ordinal);
        foreach (var point in group.Points)
        {
            if (SunSpecPointCodec.IsInteger(point.Type) && start + point.Offset + point.Size <= registers.Length)
            {
                raw[point.Name] = SunSpecPointCodec.ReadInteger(point.Type, registers.Slice(start + point.Offset, point.Size));
            }
        }

        var scope = new Scope(raw, parent);
        var points = new List<SunSpecPoint>(group.Points.Count);
        foreach (var point in group.Points)
        {
            var at = start + point.Offset;
            var pointAddress = (ushort)(address + at);
            points.Add(at + point.Size <= registers.Length
                ? DecodePoint(point, pointAddress, registers.Slice(at, point.Size), scope)
                : new SunSpecPoint(point, pointAddress, null, null, null));
        }

        offset = start + group.PointsLength;
        var groups = new List<SunSpecGroup>();
        for (var g = 0; g < group.Groups.Count; g++)
        {
            var child = group.Groups[g];
            var count = CountOf(child, scope, registers.Length - offset, isLast: g == group.Groups.Count - 1);
            for (var i = 0; i < count && offset < registers.Length; i++)
            {
                groups.Add(DecodeGroup(child, child.IsRepeating ? i + 1 : null, address, registers, ref offset, scope));
            }
        }

        return new SunSpecGroup(group.Name, index, points, groups);
    }

    private static int CountOf(SunSpecGroupDefinition group, Scope scope, int registersLeft, bool isLast)
    {
        if (group.CountPoint is { } name)
        {
            if (scope.Lookup(name) is { } n && n >= 0 && n <= ushort.MaxValue)
            {
                return (int)n;
            }
        }
        else if (group.FixedCount is > 0 and var fixedCount)
        {
            return fixedCount;
        }

        // Count 0, or a count point the device does not implement: the last group fills the rest of the model.
        return isLast && group.FixedLength is > 0 and var length ? registersLeft / length : 0;
    }

    private static SunSpecPoint DecodePoint(SunSpecPointDefinition point, ushort address, ReadOnlySpan<ushort> registers, Scope scope)
    {
        switch (point.Type)
        {
            case SunSpecPointType.Pad:
                return new SunSpecPoint(point, address, null, null, null);
            case SunSpecPointType.String or SunSpecPointType.IpAddr or SunSpecPointType.Ipv6Addr or SunSpecPointType.Eui48:
                return new SunSpecPoint(point, address, null, SunSpecPointCodec.ReadText(point.Type, registers), null);
            case SunSpecPointType.Float32 or SunSpecPointType.Float64:
                {
                    var value = SunSpecPointCodec.ReadFloat(point.Type, registers);
                    return ScaleFloat(point, address, value, scope);
                }

            default:
                {
                    var value = SunSpecPointCodec.ReadInteger(point.Type, registers);
                    if (value is not { } v)
                    {
                        return new SunSpecPoint(point, address, null, null, null);
                    }

                    if (point.Type is SunSpecPointType.Enum16 or SunSpecPointType.Enum32)
                    {
                        return new SunSpecPoint(point, address, (decimal)v, point.Symbols.FirstOrDefault(s => s.Value == v)?.Name, null);
                    }

                    if (point.Type is SunSpecPointType.Bitfield16 or SunSpecPointType.Bitfield32 or SunSpecPointType.Bitfield64)
                    {
                        var set = point.Symbols.Where(s => s.Value is >= 0 and < 64 && ((v >> (int)s.Value) & 1) == 1).Select(s => s.Name);
                        return new SunSpecPoint(point, address, (decimal)v, string.Join('|', set), null);
                    }

                    if (!point.HasScaleFactor)
                    {
                        return new SunSpecPoint(point, address, (decimal)v, null, null);
                    }

                    var sf = ScaleFactor(point, scope);
                    return sf is { } exponent
                        ? new SunSpecPoint(point, address, Scale((decimal)v, exponent), null, exponent)
                        : new SunSpecPoint(point, address, null, null, null);
                }
        }
    }

    private static SunSpecPoint ScaleFloat(SunSpecPointDefinition point, ushort address, double? value, Scope scope)
    {
        if (value is not { } v || double.IsInfinity(v) || Math.Abs(v) > 7.9e27)
        {
            return new SunSpecPoint(point, address, null, null, null);
        }

        // Floats carry their own magnitude; a scale factor, where a definition names one, still applies.
        var exponent = point.HasScaleFactor ? ScaleFactor(point, scope) : 0;
        return exponent is { } e
            ? new SunSpecPoint(point, address, Scale(point.Type == SunSpecPointType.Float32 ? (decimal)(float)v : (decimal)v, e), null, point.HasScaleFactor ? e : null)
            : new SunSpecPoint(point, address, null, null, null);
    }

    /// <summary>The point's scale factor, or null when the device does not implement it or it is out of range.</summary>
    internal static int? ScaleFactor(SunSpecPointDefinition point, Scope scope)
    {
        if (point.FixedScaleFactor is { } fixedSf)
        {
            return fixedSf;
        }

        return scope.Lookup(point.ScaleFactorPoint!) is { } sf && sf >= -MaxScaleFactor && sf <= MaxScaleFactor ? (int)sf : null;
    }

    internal static decimal Scale(decimal value, int exponent)
    {
        try
        {
            // Multiplying by 10^-n (a decimal with scale n) keeps the device's resolution: 2150 with sf -2 is 21.50.
            return exponent >= 0
                ? value * (decimal)Math.Pow(10, exponent)
                : value * new decimal(1, 0, 0, false, (byte)Math.Min(-exponent, 28));
        }
        catch (OverflowException)
        {
            // Only a 64-bit register near its maximum with a positive scale factor gets here; saturate rather than fail the model.
            return value > 0 ? decimal.MaxValue : decimal.MinValue;
        }
    }

    /// <summary>Integer point values of a group and its enclosing groups, for scale factors and counts.</summary>
    internal sealed class Scope(Dictionary<string, Int128?> values, Scope? parent)
    {
        public Int128? Lookup(string name) =>
            values.TryGetValue(name, out var value) ? value : parent?.Lookup(name);
    }
}
