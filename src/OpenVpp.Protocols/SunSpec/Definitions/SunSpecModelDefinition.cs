namespace OpenVpp.Protocols.SunSpec.Definitions;

/// <summary>A SunSpec model (for example 103, the three-phase inverter): its id and its top-level group.</summary>
public sealed record SunSpecModelDefinition(int Id, SunSpecGroupDefinition Group)
{
    public string Name => Group.Name;

    public string Label => Group.Label ?? Group.Name;
}
