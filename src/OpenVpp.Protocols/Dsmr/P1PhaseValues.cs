namespace OpenVpp.Protocols.Dsmr;

/// <summary>
/// What the meter reports for one phase (L1–L3); null where the telegram has no such line (DSMR 4.0 has no
/// voltages, single-phase meters only L1). Power in W, both directions as the meter counts them.
/// </summary>
public sealed record P1PhaseValues(
    int Phase,
    decimal? VoltageV,
    decimal? CurrentA,
    long? PowerImportedW,
    long? PowerExportedW,
    long? VoltageSags,
    long? VoltageSwells)
{
    /// <summary>Net power of the phase, positive when it exports (the grid meter convention); null when unknown.</summary>
    public long? PowerW => PowerImportedW is null && PowerExportedW is null ? null : (PowerExportedW ?? 0) - (PowerImportedW ?? 0);
}
