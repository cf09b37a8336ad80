using OpenVpp.Core.DemandResponse.Baselines;

namespace OpenVpp.Core.DemandResponse.Verification;

/// <summary>Measures delivered flexibility: the baseline against what the meter actually read, interval by interval.</summary>
public static class DeliveryMeasurement
{
    public static EventMeasurement Measure(
        BaselineResult baseline,
        LoadSeries actual,
        DateTimeOffset eventStart,
        double requestedW,
        FlexibilityDirection direction = FlexibilityDirection.ReduceImport)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(actual);
        if (!baseline.Succeeded)
        {
            throw new ArgumentException($"There is no baseline to measure against: {baseline.Failure}.", nameof(baseline));
        }

        var intervals = baseline.NetImportWh.Count;
        var delivered = new double[intervals];
        var missing = 0;
        for (var k = 0; k < intervals; k++)
        {
            if (actual.At(eventStart + (actual.Interval * k)) is not { } measured)
            {
                missing++;
                continue;
            }

            var reduction = baseline.NetImportWh[k] - measured;
            delivered[k] = direction == FlexibilityDirection.ReduceImport ? reduction : -reduction;
        }

        var total = delivered.Sum();
        var hours = (actual.Interval * intervals).TotalHours;
        return new EventMeasurement(delivered, total, hours > 0 ? total / hours : 0, Math.Max(0, requestedW), missing, intervals);
    }
}
