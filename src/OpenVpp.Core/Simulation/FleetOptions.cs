namespace OpenVpp.Core.Simulation;

/// <summary>
/// What to simulate. The same options (seed included) always give the same fleet and the same measurements,
/// so a restarted gateway can rebuild the fleet and fast-forward to where it stopped.
/// </summary>
public sealed record FleetOptions(
    int Seed,
    int DeviceCount,
    DateTimeOffset Origin,
    TimeSpan Interval,
    double LatitudeDeg = 52.0,
    double LongitudeDeg = 5.0,
    IReadOnlyList<string>? Regions = null)
{
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromMinutes(15);
}
