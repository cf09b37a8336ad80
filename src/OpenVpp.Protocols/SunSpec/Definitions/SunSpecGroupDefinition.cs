namespace OpenVpp.Protocols.SunSpec.Definitions;

/// <summary>
/// A group of points, followed in the register map by its sub-groups. A repeating group occurs
/// <see cref="FixedCount"/> times, or as many times as the point named <see cref="CountPoint"/> says; with neither
/// (count 0 in the definition), as many times as fit in the rest of the model.
/// </summary>
public sealed record SunSpecGroupDefinition(
    string Name,
    string? Label,
    string? Description,
    IReadOnlyList<SunSpecPointDefinition> Points,
    IReadOnlyList<SunSpecGroupDefinition> Groups,
    int? FixedCount,
    string? CountPoint)
{
    /// <summary>Whether the group may occur other than exactly once.</summary>
    public bool IsRepeating => CountPoint is not null || FixedCount is not 1;

    /// <summary>Registers of the group's own points.</summary>
    public int PointsLength => Points.Sum(p => p.Size);

    /// <summary>Registers of one instance, when no nested group repeats a variable number of times; otherwise null.</summary>
    public int? FixedLength
    {
        get
        {
            var length = PointsLength;
            foreach (var group in Groups)
            {
                if (group.CountPoint is not null || group.FixedCount is not > 0 || group.FixedLength is not { } inner)
                {
                    return null;
                }

                length += group.FixedCount.Value * inner;
            }

            return length;
        }
    }

    public SunSpecPointDefinition? Point(string name) =>
        Points.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.Ordinal));
}
