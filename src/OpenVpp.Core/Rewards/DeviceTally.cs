using System.Numerics;
using OpenVpp.Core.Devices;
using OpenVpp.Core.Readings;

namespace OpenVpp.Core.Rewards;

/// <summary>Running sums of one device's readings in an epoch; only additions, so reading order cannot matter.</summary>
internal sealed class DeviceTally(DeviceRewardProfile profile)
{
    private const long MillisecondsPerHour = 3_600_000;

    private long _producedWh;
    private long _exportedWh;
    private long _coveredMs;
    private int _readings;
    private long _flexibilityWh;

    public void AddFlexibility(long wh) => _flexibilityWh = checked(_flexibilityWh + wh);

    public void Add(Reading reading)
    {
        _readings++;
        switch (profile.Kind)
        {
            case DeviceKind.SolarInverter:
                _producedWh += reading.EnergyExportedWh;
                break;
            case DeviceKind.GridMeter:
                _exportedWh += reading.EnergyExportedWh;
                break;
            case DeviceKind.Battery:
                // Durations from the millisecond timestamps of the canonical encoding: what an exported reading carries.
                _coveredMs += reading.IntervalEnd.ToUnixTimeMilliseconds() - reading.IntervalStart.ToUnixTimeMilliseconds();
                break;
            case DeviceKind.EvCharger:
            case DeviceKind.HouseholdLoad:
                // These earn only for flexibility (AddFlexibility), verified per demand-response event.
                break;
            default:
                throw new ArgumentException($"Device {profile.Id} has an unknown kind {profile.Kind}.", nameof(reading));
        }
    }

    public DeviceContribution ToContribution(bool implausible, RewardParameters parameters)
    {
        // Stored capacity is available for as long as readings show the battery online; whole Wh·h, rounded down,
        // so the row's points can be recomputed from the row.
        var storageWhH = (long)((BigInteger)profile.CapacityWh * _coveredMs / MillisecondsPerHour);
        var completenessPpm = (int)Math.Min(Ppm.Whole, (long)_readings * Ppm.Whole / parameters.ExpectedIntervalsPerEpoch);
        var points = ContributionPoints.Compute(_producedWh, _exportedWh, storageWhH, completenessPpm, implausible, parameters)
            + ContributionPoints.Flexibility(_flexibilityWh, implausible, parameters);
        return new DeviceContribution(
            profile.Id,
            profile.Owner,
            profile.Kind,
            _producedWh,
            _exportedWh,
            storageWhH,
            _readings,
            completenessPpm,
            implausible,
            points)
        {
            FlexibilityWh = _flexibilityWh,
        };
    }
}
