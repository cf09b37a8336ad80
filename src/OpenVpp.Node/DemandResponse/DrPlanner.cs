using OpenVpp.Core.DemandResponse.Dispatch;
using OpenVpp.Core.Readings;

namespace OpenVpp.Node.DemandResponse;

/// <summary>
/// Plans an operator event over its fleet: one dispatch per event interval (the limit may change from one to the
/// next), each over the whole event window so a battery's energy is spread over all of it, never spent early.
/// Pure: the same request, fleet and forecast always give the same plan.
/// </summary>
internal static class DrPlanner
{
    /// <param name="state">Receives the per-region and per-device plan.</param>
    /// <param name="request">The event.</param>
    /// <param name="fleet">The dispatchable devices, in the order of <paramref name="members"/>.</param>
    /// <param name="members">Each fleet device's registry entry, resource and baseline reading.</param>
    /// <param name="forecastW">Per region of the request, its uncontrolled net import (import limit) or export (export limit), W.</param>
    public static void Plan(DrEventState state, DrEventRequest request, FlexibleDevice[] fleet, IReadOnlyList<(DrMember Member, Reading Baseline)> members, IReadOnlyList<double> forecastW)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(request);
        var slots = request.ValuesW.Count;
        var window = new DispatchWindow(request.Start, request.End);
        var expected = new double[fleet.Length, slots];
        var setpoints = new DeviceSetpoint[fleet.Length, slots];
        var required = new double[request.Regions.Count, slots];
        var allocated = new double[request.Regions.Count, slots];
        var counts = new int[request.Regions.Count];
        for (var k = 0; k < slots; k++)
        {
            var targets = request.Regions.Select((_, r) => new DispatchTarget(r, request.Kind, request.ValuesW[k], forecastW[r])).ToArray();
            var plan = Dispatcher.Dispatch(fleet, targets, window);
            foreach (var outcome in plan.Regions)
            {
                required[outcome.RegionIndex, k] = outcome.RequestedW;
                allocated[outcome.RegionIndex, k] = outcome.AllocatedW;
            }

            for (var i = 0; i < fleet.Length; i++)
            {
                expected[i, k] = plan.ExpectedW[i];
                setpoints[i, k] = plan.SetpointOf(fleet, i);
            }
        }

        state.Devices = [];
        for (var i = 0; i < fleet.Length; i++)
        {
            var perSlot = Enumerable.Range(0, slots).Select(k => expected[i, k]).ToList();
            if (perSlot.All(w => w <= 0))
            {
                continue;
            }

            var (member, baseline) = members[i];
            counts[fleet[i].RegionIndex]++;
            state.Devices.Add(new DrDevicePlan
            {
                DeviceId = member.Device.Id.ToString(),
                ResourceName = member.ResourceName,
                Region = member.Device.Region,
                Kind = member.Device.Kind,
                NameplatePowerW = member.Device.NameplatePowerW,
                BaselineW = fleet[i].BaselineW,
                BaselineIntervalStart = baseline.IntervalStart,
                SetpointKind = Enumerable.Range(0, slots).Select(k => setpoints[i, k].Kind).FirstOrDefault(s => s != SetpointKind.None),
                ExpectedW = perSlot,
                SetpointW = [.. Enumerable.Range(0, slots).Select(k => setpoints[i, k].Kind == SetpointKind.None ? (double?)null : Math.Round(setpoints[i, k].W))],
            });
        }

        state.Fleet = [.. members.Select((m, i) => new DrFleetMember
        {
            DeviceId = m.Member.Device.Id.ToString(),
            ResourceName = m.Member.ResourceName,
            Region = m.Member.Device.Region,
            Kind = m.Member.Device.Kind,
            NameplatePowerW = m.Member.Device.NameplatePowerW,
            BaselineIntervalStart = m.Baseline.IntervalStart,
            RegionIndex = fleet[i].RegionIndex,
            MaxDeliverW = fleet[i].MaxDeliverW,
            MaxDrawW = fleet[i].MaxDrawW,
            BaselineW = fleet[i].BaselineW,
            StoredWh = fleet[i].StoredWh,
            ReserveWh = fleet[i].ReserveWh,
            CapacityWh = fleet[i].CapacityWh,
            Efficiency = fleet[i].Efficiency,
        })];
        state.RegionPlans = [.. request.Regions.Select((region, r) => new DrRegionPlan
        {
            Region = region,
            ForecastW = forecastW[r],
            RequiredW = [.. Enumerable.Range(0, slots).Select(k => required[r, k])],
            AllocatedW = [.. Enumerable.Range(0, slots).Select(k => allocated[r, k])],
            DeviceCount = counts[r],
        })];
    }
}
