using OpenVpp.Protocols.SunSpec.Definitions;

namespace OpenVpp.Protocols.SunSpec;

/// <summary>
/// One model found on a device: where it starts (the address of its ID register), its id and length (registers after
/// the ID and L registers), its definition when this project has one, and its decoded points when it was read.
/// <see cref="Error"/> says why a known model could not be read (for example a Modbus exception for its registers).
/// </summary>
public sealed record SunSpecModel(int Id, ushort Address, int Length, SunSpecModelDefinition? Definition, SunSpecGroup? Root = null, string? Error = null)
{
    public bool IsKnown => Definition is not null;

    public string Label => Definition?.Label ?? $"model {Id}";

    /// <summary>A point by path (see <see cref="SunSpecGroup.Find"/>), or null when not decoded or not there.</summary>
    public SunSpecPoint? Find(string path) => Root?.Find(path);

    /// <summary>The scaled value of a point, or null when absent.</summary>
    public decimal? Value(string path) => Find(path)?.Value;
}
