namespace OpenVpp.Protocols.SunSpec;

/// <summary>
/// What a scan of one unit found: the base address of the "SunS" marker and every model in the chain, in order.
/// Models this project has no definition for are listed with their id and length, undecoded.
/// </summary>
public sealed record SunSpecScan(byte UnitId, ushort BaseAddress, IReadOnlyList<SunSpecModel> Models)
{
    public SunSpecIdentity? Identity => SunSpecIdentity.From(Find(1));

    /// <summary>The first model with id <paramref name="id"/>, or null.</summary>
    public SunSpecModel? Find(int id) => Models.FirstOrDefault(m => m.Id == id);

    public bool Has(int id) => Models.Any(m => m.Id == id);
}
