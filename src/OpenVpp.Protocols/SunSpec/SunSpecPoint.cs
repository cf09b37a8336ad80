using OpenVpp.Protocols.SunSpec.Definitions;

namespace OpenVpp.Protocols.SunSpec;

/// <summary>
/// One decoded point. <see cref="Value"/> is the number with its scale factor applied (enums and bitfields: the raw
/// number); <see cref="Text"/> holds strings, addresses, an enum's symbol or a bitfield's set bits. A point the device
/// does not implement (or whose scale factor it does not implement) has neither: it is absent, never a number.
/// </summary>
public sealed record SunSpecPoint(SunSpecPointDefinition Definition, ushort Address, decimal? Value, string? Text, int? ScaleFactor)
{
    public string Name => Definition.Name;

    public string? Units => Definition.Units;

    /// <summary>Whether the device implements the point (it has a value or text).</summary>
    public bool IsImplemented => Value is not null || Text is not null;
}
