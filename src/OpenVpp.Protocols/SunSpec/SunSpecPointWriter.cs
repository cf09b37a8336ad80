using OpenVpp.Protocols.SunSpec.Definitions;

namespace OpenVpp.Protocols.SunSpec;

/// <summary>
/// Turns a value in the point's units into the registers to write: checks that the point is writable (access RW), divides
/// by 10^sf and rounds to the device's resolution, and checks the type's range (a value that would read back as "not
/// implemented" is refused too). Pure; the client writes the registers with function 16.
/// </summary>
public static class SunSpecPointWriter
{
    /// <summary>The registers and the value they will read back as (after rounding to the scale factor's step).</summary>
    public static (ushort[] Registers, decimal Written) Encode(SunSpecPoint point, decimal value)
    {
        ArgumentNullException.ThrowIfNull(point);
        var definition = point.Definition;
        if (!definition.Writable)
        {
            throw new SunSpecException($"Point {definition.Name} is read-only (access R); only RW points can be written.");
        }

        switch (definition.Type)
        {
            case SunSpecPointType.Float32 or SunSpecPointType.Float64:
                return (SunSpecPointCodec.WriteFloat(definition.Type, (double)value), value);
            case SunSpecPointType.String or SunSpecPointType.IpAddr or SunSpecPointType.Ipv6Addr or SunSpecPointType.Eui48 or SunSpecPointType.Pad:
                throw new SunSpecException($"Point {definition.Name} is a {definition.Type}; only numeric points can be written.");
        }

        var exponent = 0;
        if (definition.HasScaleFactor && definition.Type is not (SunSpecPointType.Enum16 or SunSpecPointType.Enum32 or SunSpecPointType.Bitfield16 or SunSpecPointType.Bitfield32 or SunSpecPointType.Bitfield64))
        {
            exponent = point.ScaleFactor ?? throw new SunSpecException(
                $"Point {definition.Name} is scaled by {definition.ScaleFactorPoint}, which the device does not implement; the value to write cannot be scaled.");
        }

        var raw = decimal.Round(SunSpecModelDecoder.Scale(value, -exponent), MidpointRounding.AwayFromZero);
        try
        {
            var registers = SunSpecPointCodec.WriteInteger(definition.Type, definition.Size, (Int128)raw);
            return (registers, SunSpecModelDecoder.Scale(raw, exponent));
        }
        catch (ArgumentOutOfRangeException e)
        {
            var units = definition.Units is { Length: > 0 } u ? $" {u}" : string.Empty;
            throw new SunSpecException($"{value}{units} cannot be written to {definition.Name}: {e.Message.Split(" (Parameter", 2)[0]}", e);
        }
        catch (OverflowException e)
        {
            throw new SunSpecException($"{value} is far outside what {definition.Name} ({definition.Type}) can hold.", e);
        }
    }
}
