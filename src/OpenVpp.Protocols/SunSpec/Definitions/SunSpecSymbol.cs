namespace OpenVpp.Protocols.SunSpec.Definitions;

/// <summary>An enum value or a bitfield bit position with its name.</summary>
public sealed record SunSpecSymbol(string Name, long Value, string? Label);
