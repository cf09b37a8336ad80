namespace OpenVpp.Core.DemandResponse.Verification;

/// <summary>
/// What a device, a region or a whole event delivered against its baseline: Wh per event interval, the total, the
/// average power over the event, the power requested, and performance = delivered / requested. Intervals without an
/// actual reading count as delivering nothing and are counted in <see cref="MissingIntervals"/>.
/// </summary>
public sealed record EventMeasurement(
    IReadOnlyList<double> DeliveredWh,
    double DeliveredTotalWh,
    double DeliveredAverageW,
    double RequestedW,
    int MissingIntervals,
    int Intervals)
{
    /// <summary>Delivered over requested; 0 when nothing was requested.</summary>
    public double Performance => RequestedW > 0 ? DeliveredAverageW / RequestedW : 0;

    /// <summary>
    /// Adds up devices into a region, or regions into an event: delivered Wh per interval and requested W add, so the
    /// aggregate's performance is total delivered over total requested (a big device weighs more than a small one).
    /// </summary>
    public static EventMeasurement Combine(IReadOnlyList<EventMeasurement> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        if (parts.Count == 0)
        {
            return new EventMeasurement([], 0, 0, 0, 0, 0);
        }

        var intervals = parts[0].Intervals;
        if (parts.Any(p => p.Intervals != intervals))
        {
            throw new ArgumentException("Measurements to combine must cover the same event intervals.", nameof(parts));
        }

        var delivered = new double[intervals];
        foreach (var part in parts)
        {
            for (var k = 0; k < intervals; k++)
            {
                delivered[k] += part.DeliveredWh[k];
            }
        }

        return new EventMeasurement(
            delivered,
            parts.Sum(p => p.DeliveredTotalWh),
            parts.Sum(p => p.DeliveredAverageW),
            parts.Sum(p => p.RequestedW),
            parts.Sum(p => p.MissingIntervals),
            intervals);
    }
}
