namespace OpenVpp.Protocols.SunSpec.Definitions;

/// <summary>
/// One point of a SunSpec model as its JSON definition describes it. <see cref="Offset"/> is the register offset within
/// its group instance. The scale factor is either another point's name (<see cref="ScaleFactorPoint"/>, looked up in the
/// same group, then in enclosing groups) or a fixed exponent (<see cref="FixedScaleFactor"/>).
/// </summary>
public sealed record SunSpecPointDefinition(
    string Name,
    string? Label,
    string? Description,
    SunSpecPointType Type,
    int Size,
    int Offset,
    string? ScaleFactorPoint,
    int? FixedScaleFactor,
    string? Units,
    bool Writable,
    bool Mandatory,
    IReadOnlyList<SunSpecSymbol> Symbols)
{
    /// <summary>Whether the point is a number that a scale factor applies to.</summary>
    public bool HasScaleFactor => ScaleFactorPoint is not null || FixedScaleFactor is not null;

    /// <summary>The symbol named <paramref name="name"/> (case-insensitive), or null.</summary>
    public SunSpecSymbol? Symbol(string name) =>
        Symbols.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));
}
