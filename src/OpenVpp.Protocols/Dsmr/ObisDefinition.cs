namespace OpenVpp.Protocols.Dsmr;

/// <summary>What an OBIS code means in a P1 telegram: a name for people and the <see cref="ObisKind"/> of its value.</summary>
public sealed record ObisDefinition(string Name, ObisKind Kind)
{
    internal ObisRole Role { get; init; }

    /// <summary>1–3 for per-phase values, 0 otherwise.</summary>
    internal int Phase { get; init; }
}
