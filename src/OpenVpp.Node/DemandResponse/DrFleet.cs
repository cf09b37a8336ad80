using OpenVpp.Core.DemandResponse.Dispatch;
using OpenVpp.Core.Devices;
using OpenVpp.Core.Readings;

namespace OpenVpp.Node.DemandResponse;

/// <summary>A registered device that is also a VTN resource (joined by the resource's OPENVPP_DEVICE_ID attribute).</summary>
internal sealed record DrMember(DeviceRecord Device, string ResourceName);

/// <summary>
/// The fleet as the dispatcher sees it, built from the node's own data rather than what VENs claim: nameplate and
/// capacity from the registry, state of charge, health and the baseline from each device's latest signed reading.
/// EV chargers are left out: readings cannot say when a car leaves or what it still needs, and guessing could break
/// the departure promise. A device without a recent reading is offline and left out too.
/// </summary>
internal static class DrFleet
{
    public const double BatteryEfficiency = 0.95;

    public static (FlexibleDevice[] Fleet, List<(DrMember Member, Reading Baseline)> Members) Build(
        DrEventRequest request,
        IEnumerable<DrMember> members,
        IReadOnlyDictionary<DeviceId, Reading> latest,
        double reserveFraction)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(members);
        ArgumentNullException.ThrowIfNull(latest);
        var regionIndex = request.Regions.Select((r, i) => (r, i)).ToDictionary(x => x.r, x => x.i, StringComparer.Ordinal);
        var fleet = new List<FlexibleDevice>();
        var joined = new List<(DrMember, Reading)>();
        foreach (var member in members)
        {
            var d = member.Device;
            if (!d.Active || !regionIndex.TryGetValue(d.Region, out var region) || !latest.TryGetValue(d.Id, out var reading))
            {
                continue;
            }

            FlexibleDevice? flexible = d.Kind switch
            {
                DeviceKind.Battery when d.CapacityWh > 0 && reading.StateOfChargeBp is { } soc => Battery(d, region, reading, soc, reserveFraction),
                DeviceKind.SolarInverter => FlexibleDevice.Solar(region, 0, d.NameplatePowerW, Math.Max(0, reading.AveragePowerW)),
                _ => null,
            };
            if (flexible is { } f && f.Problem() is null)
            {
                fleet.Add(f);
                joined.Add((member, reading));
            }
        }

        return ([.. fleet], joined);
    }

    private static FlexibleDevice Battery(DeviceRecord d, int region, Reading reading, ushort socBp, double reserveFraction)
    {
        // The reading's state of charge is of the usable (aged) capacity: capacity × state of health.
        var usableWh = d.CapacityWh * ((reading.StateOfHealthBp ?? 10_000) / 10_000.0);
        var storedWh = Math.Clamp(usableWh * socBp / 10_000.0, 0, usableWh);
        var baselineW = Math.Clamp(reading.AveragePowerW, -d.NameplatePowerW, d.NameplatePowerW);
        return FlexibleDevice.Battery(region, 0, d.NameplatePowerW, d.NameplatePowerW, baselineW, storedWh, usableWh * reserveFraction, usableWh, BatteryEfficiency);
    }
}
