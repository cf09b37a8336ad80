namespace OpenVpp.Core.Rewards;

/// <summary>
/// A reward weight as an exact fraction: <see cref="Points"/> points per <see cref="PerUnits"/> units of a quantity
/// (for example 1 point per 10 Wh·h), so a weight below one point per unit needs no floating point.
/// </summary>
public readonly record struct PointRate
{
    public PointRate(long points, long perUnits)
    {
        if (points < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(points), points, "A point rate cannot be negative.");
        }

        if (perUnits <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(perUnits), perUnits, "A point rate needs a positive number of units.");
        }

        Points = points;
        PerUnits = perUnits;
    }

    public long Points { get; }

    /// <summary>Always positive except in <c>default(PointRate)</c>, which <see cref="RewardParameters"/> refuses.</summary>
    public long PerUnits { get; }

    public override string ToString() => $"{Points} per {PerUnits}";
}
