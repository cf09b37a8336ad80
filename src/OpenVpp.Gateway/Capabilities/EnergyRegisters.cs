namespace OpenVpp.Gateway.Capabilities;

/// <summary>Cumulative energy registers of a meter, in Wh, never decreasing.</summary>
public readonly record struct EnergyRegisters(long ImportedWh, long ExportedWh);
