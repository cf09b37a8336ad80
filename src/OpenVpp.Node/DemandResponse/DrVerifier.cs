using OpenVpp.Core.DemandResponse.Baselines;
using OpenVpp.Core.DemandResponse.Dispatch;
using OpenVpp.Core.DemandResponse.Verification;
using OpenVpp.Core.Devices;
using OpenVpp.Core.Readings;

namespace OpenVpp.Node.DemandResponse;

/// <summary>
/// Measurement and verification of one event from stored readings only. Each device is measured against the
/// baseline it was dispatched on: meter-before on the reading interval frozen at dispatch (the one it could see
/// then), so requested and delivered count from the same baseline. Pure.
/// </summary>
internal static class DrVerifier
{
    public const string Method = "meter-before (interval frozen at dispatch)";

    // Slack on limits for metering granularity: whole Wh per interval and basis points of charge.
    private const double PowerSlackW = 5;
    private const double ReserveSlack = 0.01;

    /// <param name="state">The dispatched event.</param>
    /// <param name="readings">Per device id, its stored readings from its baseline interval to the event's end.</param>
    /// <param name="regionNetImportWh">Import/export limit events: per region, per event interval, the region's metered net import, Wh (null where not every meter reported).</param>
    /// <param name="reserveFraction">The owner's battery reserve, as a share of usable capacity.</param>
    /// <param name="now">When the measurement is made.</param>
    public static DrEventResult Measure(
        DrEventState state,
        IReadOnlyDictionary<string, IReadOnlyList<Reading>> readings,
        IReadOnlyDictionary<string, IReadOnlyList<double?>> regionNetImportWh,
        double reserveFraction,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(readings);
        ArgumentNullException.ThrowIfNull(regionNetImportWh);
        var slots = state.ValuesW.Count;
        var context = BaselineContext.For(state.Start, state.End, TimeZoneInfo.Utc);
        var direction = state.Kind == DispatchTargetKind.ExportLimit ? FlexibilityDirection.ReduceExport : FlexibilityDirection.ReduceImport;
        var perDevice = new List<DrDeviceResult>();
        var measurements = new List<(DrDevicePlan Plan, EventMeasurement Measurement)>();
        var violations = 0;
        var missing = 0;
        var withoutBaseline = 0;
        foreach (var plan in state.Devices)
        {
            var own = readings.GetValueOrDefault(plan.DeviceId) ?? [];
            var series = LoadSeries.FromReadings(own, plan.BaselineIntervalStart, state.End, state.Interval);
            var gap = state.Start - (plan.BaselineIntervalStart + state.Interval);
            var baseline = new MeterBeforeBaseline { Gap = gap }.Compute(series, context);
            var requestedW = plan.ExpectedW.Average();
            var deviceViolations = Violations(plan, own, state, reserveFraction);
            violations += deviceViolations;
            if (!baseline.Succeeded)
            {
                withoutBaseline++;
                missing += slots;
                perDevice.Add(new DrDeviceResult
                {
                    DeviceId = plan.DeviceId,
                    ResourceName = plan.ResourceName,
                    ExpectedKw = Kw(requestedW),
                    LimitViolations = deviceViolations,
                    Failure = baseline.Failure,
                    BaselineKwByInterval = [.. Enumerable.Repeat<double?>(null, slots)],
                    DeliveredKwByInterval = [.. Enumerable.Repeat<double?>(null, slots)],
                });
                continue;
            }

            var measurement = DeliveryMeasurement.Measure(baseline, series, state.Start, requestedW, direction);
            missing += measurement.MissingIntervals;
            measurements.Add((plan, measurement));
            var hours = state.Interval.TotalHours;
            perDevice.Add(new DrDeviceResult
            {
                DeviceId = plan.DeviceId,
                ResourceName = plan.ResourceName,
                // Baseline as net import, kW; delivered as reduction of it.
                BaselineKw = Math.Round(baseline.NetImportWh[0] / hours / 1_000, 3),
                ExpectedKw = Kw(requestedW),
                DeliveredKw = Kw(measurement.DeliveredAverageW),
                DeliveredKwh = Math.Round(measurement.DeliveredTotalWh / 1_000, 3),
                Performance = Math.Round(measurement.Performance, 4),
                LimitViolations = deviceViolations,
                BaselineKwByInterval = [.. baseline.NetImportWh.Select(wh => (double?)Math.Round(wh / hours / 1_000, 3))],
                DeliveredKwByInterval = [.. Enumerable.Range(0, slots).Select(k => series.At(state.Start + (state.Interval * k)) is null ? (double?)null : Math.Round(measurement.DeliveredWh[k] / hours / 1_000, 3))],
            });
        }

        var regions = state.RegionPlans.Select(region =>
        {
            var parts = measurements.Where(m => m.Plan.Region == region.Region).Select(m => m.Measurement).ToList();
            var delivered = parts.Sum(p => p.DeliveredAverageW);
            var requested = region.RequiredW.Average();
            return new DrRegionResult
            {
                Region = region.Region,
                RequestedKw = Kw(requested),
                DeliveredKw = Kw(delivered),
                Performance = requested > 0 ? Math.Round(delivered / requested, 4) : 0,
                Devices = state.Devices.Count(d => d.Region == region.Region),
            };
        }).ToList();

        var eventRequestedW = state.RegionPlans.Sum(r => r.RequiredW.Average());
        var allocatedW = state.RegionPlans.Sum(r => r.AllocatedW.Average());
        var deliveredW = measurements.Sum(m => m.Measurement.DeliveredAverageW);
        var byInterval = Enumerable.Range(0, slots).Select(k => Kw(measurements.Sum(m => m.Measurement.DeliveredWh[k]) / state.Interval.TotalHours)).ToList();
        return new DrEventResult
        {
            Method = Method,
            RequestedKw = Kw(eventRequestedW),
            DeliveredKw = Kw(deliveredW),
            Performance = eventRequestedW > 0 ? Math.Round(deliveredW / eventRequestedW, 4) : 0,
            ShortfallKw = Kw(Math.Max(0, eventRequestedW - allocatedW)),
            Devices = state.Devices.Count,
            LimitViolations = violations,
            GridLimitExceededIntervals = GridExceedances(state, regionNetImportWh),
            MissingReadings = missing,
            DevicesWithoutBaseline = withoutBaseline,
            DeliveredKwByInterval = byInterval,
            Regions = regions,
            PerDevice = perDevice,
            MeasuredAt = now,
        };
    }

    /// <summary>
    /// Event intervals in which a dispatched device went past a limit: more power than its rating, more than the cap
    /// it was given (PV), or a battery below the owner's reserve.
    /// </summary>
    private static int Violations(DrDevicePlan plan, IReadOnlyList<Reading> readings, DrEventState state, double reserveFraction)
    {
        var count = 0;
        foreach (var reading in readings.Where(r => r.IntervalStart >= state.Start && r.IntervalStart < state.End && r.Duration == state.Interval))
        {
            var k = (int)((reading.IntervalStart - state.Start).Ticks / state.Interval.Ticks);
            var overRating = Math.Abs(reading.AveragePowerW) > plan.NameplatePowerW + PowerSlackW;
            var overCap = plan.SetpointKind == SetpointKind.GenerationLimitW && plan.SetpointW[k] is { } cap && reading.AveragePowerW > cap + PowerSlackW;
            var underReserve = plan.Kind == DeviceKind.Battery && reading.StateOfChargeBp is { } soc && soc / 10_000.0 < reserveFraction - ReserveSlack
                && plan.SetpointW[k] is > 0;
            if (overRating || overCap || underReserve)
            {
                count++;
            }
        }

        return count;
    }

    private static int GridExceedances(DrEventState state, IReadOnlyDictionary<string, IReadOnlyList<double?>> regionNetImportWh)
    {
        if (state.Kind == DispatchTargetKind.Reduction)
        {
            return 0;
        }

        var hours = state.Interval.TotalHours;
        var count = 0;
        foreach (var region in state.Regions)
        {
            var series = regionNetImportWh.GetValueOrDefault(region) ?? [];
            for (var k = 0; k < Math.Min(series.Count, state.ValuesW.Count); k++)
            {
                if (series[k] is not { } wh)
                {
                    continue;
                }

                var flowW = state.Kind == DispatchTargetKind.ImportLimit ? wh / hours : -wh / hours;
                if (flowW > state.ValuesW[k] + PowerSlackW)
                {
                    count++;
                }
            }
        }

        return count;
    }

    private static double Kw(double w) => Math.Round(w / 1_000, 3);
}
