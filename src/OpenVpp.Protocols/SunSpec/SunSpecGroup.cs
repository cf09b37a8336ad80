namespace OpenVpp.Protocols.SunSpec;

/// <summary>
/// One decoded group instance: its points and its sub-groups. <see cref="Index"/> numbers the instances of a
/// repeating group from 1 (null for a group that occurs once), so paths read like SunSpec's own "Crv[1].Pt[2].V".
/// </summary>
public sealed record SunSpecGroup(string Name, int? Index, IReadOnlyList<SunSpecPoint> Points, IReadOnlyList<SunSpecGroup> Groups)
{
    /// <summary>Name as it appears in a path: "Crv[2]" for a repeating group's instance, else the name.</summary>
    public string PathName => Index is { } i ? $"{Name}[{i}]" : Name;

    public SunSpecPoint? Point(string name) => Points.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.Ordinal));

    /// <summary>
    /// Finds a point by path relative to this group: "W" for a point of this group, "Crv[1].Pt[2].V" into repeating
    /// groups (1-based), "PFWInj.PF" into a group that occurs once.
    /// </summary>
    public SunSpecPoint? Find(string path)
    {
        var dot = path.IndexOf('.', StringComparison.Ordinal);
        if (dot < 0)
        {
            return Point(path);
        }

        var head = path[..dot];
        var child = Groups.FirstOrDefault(g => string.Equals(g.PathName, head, StringComparison.Ordinal) ||
                                               (g.Index is null && string.Equals(g.Name, head, StringComparison.Ordinal)));
        return child?.Find(path[(dot + 1)..]);
    }
}
