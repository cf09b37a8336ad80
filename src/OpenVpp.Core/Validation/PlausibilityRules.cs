using OpenVpp.Core.Devices;
using OpenVpp.Core.Readings;

namespace OpenVpp.Core.Validation;

/// <summary>
/// Physical plausibility of one reading against the device's registered nameplate and its previous reading.
/// Every check answers <see cref="RejectionReason.Implausible"/>; the first one that fails is reported.
/// </summary>
public static class PlausibilityRules
{
    /// <summary>Measurement and rounding slack on nameplate bounds (5 %).</summary>
    public const double DefaultTolerance = 1.05;

    /// <summary>Basis points for 100 %.</summary>
    public const int FullBasisPoints = 10_000;

    /// <summary>A PV inverter draws standby power at night but never more than this share of its nameplate.</summary>
    public const double SolarStandbyFraction = 0.05;

    /// <summary>Longest interval a single reading may cover.</summary>
    public static readonly TimeSpan MaxIntervalDuration = TimeSpan.FromDays(1);

    /// <summary>
    /// Null when the reading is plausible for <paramref name="device"/>. <paramref name="previousIntervalEnd"/> is the end
    /// of the device's latest accepted reading (null if none); an interval starting before it overlaps.
    /// </summary>
    public static RuleViolation? Check(DeviceRecord device, Reading reading, DateTimeOffset? previousIntervalEnd, double tolerance = DefaultTolerance)
    {
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(reading);
        return CheckInterval(reading, previousIntervalEnd)
            ?? CheckSigns(reading)
            ?? CheckNameplate(device, reading, tolerance)
            ?? CheckPercentages(reading)
            ?? CheckKind(device, reading, tolerance);
    }

    /// <summary>The interval is non-empty, at most a day, and does not overlap the previous reading's interval.</summary>
    public static RuleViolation? CheckInterval(Reading reading, DateTimeOffset? previousIntervalEnd)
    {
        ArgumentNullException.ThrowIfNull(reading);
        if (reading.IntervalEnd <= reading.IntervalStart)
        {
            return Fail($"interval end {reading.IntervalEnd:O} is not after its start {reading.IntervalStart:O}");
        }

        if (reading.Duration > MaxIntervalDuration)
        {
            return Fail($"interval of {reading.Duration} is longer than the maximum of {MaxIntervalDuration}");
        }

        if (previousIntervalEnd is { } previousEnd && reading.IntervalStart < previousEnd)
        {
            return Fail($"interval starts at {reading.IntervalStart:O}, before the previous reading's end {previousEnd:O} (overlap)");
        }

        return null;
    }

    /// <summary>Energies are directional so never negative; peak power is a magnitude.</summary>
    public static RuleViolation? CheckSigns(Reading reading)
    {
        ArgumentNullException.ThrowIfNull(reading);
        if (reading.EnergyImportedWh < 0)
        {
            return Fail($"energy imported is negative ({reading.EnergyImportedWh} Wh)");
        }

        if (reading.EnergyExportedWh < 0)
        {
            return Fail($"energy exported is negative ({reading.EnergyExportedWh} Wh)");
        }

        return reading.PeakPowerW < 0 ? Fail($"peak power is negative ({reading.PeakPowerW} W)") : null;
    }

    /// <summary>No energy or power beyond what the nameplate allows over the interval, with tolerance.</summary>
    public static RuleViolation? CheckNameplate(DeviceRecord device, Reading reading, double tolerance)
    {
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(reading);
        var maxPowerW = device.NameplatePowerW * tolerance;
        var maxEnergyWh = maxPowerW * reading.Duration.TotalHours;
        if (reading.EnergyImportedWh > maxEnergyWh)
        {
            return Fail($"energy imported {reading.EnergyImportedWh} Wh exceeds {maxEnergyWh:0} Wh, the nameplate {device.NameplatePowerW} W over {reading.Duration}");
        }

        if (reading.EnergyExportedWh > maxEnergyWh)
        {
            return Fail($"energy exported {reading.EnergyExportedWh} Wh exceeds {maxEnergyWh:0} Wh, the nameplate {device.NameplatePowerW} W over {reading.Duration}");
        }

        if (Math.Abs((double)reading.AveragePowerW) > maxPowerW)
        {
            return Fail($"average power {reading.AveragePowerW} W exceeds the nameplate {device.NameplatePowerW} W");
        }

        return reading.PeakPowerW > maxPowerW
            ? Fail($"peak power {reading.PeakPowerW} W exceeds the nameplate {device.NameplatePowerW} W")
            : null;
    }

    /// <summary>State of charge and health are 0–100 %.</summary>
    public static RuleViolation? CheckPercentages(Reading reading)
    {
        ArgumentNullException.ThrowIfNull(reading);
        if (reading.StateOfChargeBp > FullBasisPoints)
        {
            return Fail($"state of charge {reading.StateOfChargeBp} bp is above 100 %");
        }

        return reading.StateOfHealthBp > FullBasisPoints
            ? Fail($"state of health {reading.StateOfHealthBp} bp is above 100 %")
            : null;
    }

    /// <summary>Rules that follow from what the device physically is.</summary>
    public static RuleViolation? CheckKind(DeviceRecord device, Reading reading, double tolerance)
    {
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(reading);
        switch (device.Kind)
        {
            case DeviceKind.HouseholdLoad:
                return ConsumesOnly(reading, "a household load");
            case DeviceKind.EvCharger:
                // No vehicle-to-grid yet: a charger only delivers energy to the car.
                return ConsumesOnly(reading, "an EV charger (no V2G)");
            case DeviceKind.SolarInverter:
                if (reading.StateOfChargeBp is not null)
                {
                    return Fail("a solar inverter stores nothing, so it has no state of charge");
                }

                var standbyWh = device.NameplatePowerW * SolarStandbyFraction * tolerance * reading.Duration.TotalHours;
                return reading.EnergyImportedWh > standbyWh
                    ? Fail($"a solar inverter draws at most standby power, but imported {reading.EnergyImportedWh} Wh (limit {standbyWh:0} Wh)")
                    : null;
            case DeviceKind.Battery when device.CapacityWh > 0:
                // Discharge within an interval cannot exceed what was stored plus what was charged meanwhile.
                var maxDischargeWh = (device.CapacityWh * tolerance) + reading.EnergyImportedWh;
                return reading.EnergyExportedWh > maxDischargeWh
                    ? Fail($"battery discharged {reading.EnergyExportedWh} Wh, more than its capacity {device.CapacityWh} Wh plus the {reading.EnergyImportedWh} Wh charged")
                    : null;
            default:
                return null;
        }
    }

    private static RuleViolation? ConsumesOnly(Reading reading, string what)
    {
        if (reading.EnergyExportedWh > 0)
        {
            return Fail($"{what} never exports energy, but reported {reading.EnergyExportedWh} Wh exported");
        }

        return reading.AveragePowerW > 0
            ? Fail($"{what} never delivers power, but reported an average of +{reading.AveragePowerW} W")
            : null;
    }

    private static RuleViolation Fail(string detail) => new(RejectionReason.Implausible, detail);
}
