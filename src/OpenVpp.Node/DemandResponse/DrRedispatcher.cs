using OpenVpp.Core.DemandResponse.Dispatch;
using OpenVpp.Core.Readings;

namespace OpenVpp.Node.DemandResponse;

/// <summary>
/// Re-dispatch during an event, from the readings of its last finished interval: a device with no reading for two
/// intervals has dropped out and is asked for nothing more; one that delivered under 80 % of its share is held at
/// what it delivered; what they leave goes to the other devices' unused headroom (<see cref="Dispatcher.Redispatch"/>),
/// or stands as shortfall. Only intervals starting from <c>firstSlot</c> change, so no gateway is told mid-interval.
/// Pure: the original plan is replayed from the frozen fleet, and all failures seen so far are applied to it.
/// </summary>
internal static class DrRedispatcher
{
    public const double UnderDeliveryShare = 0.8;

    /// <summary>Records what slot <paramref name="slot"/>'s readings show; returns whether a new device was seen failing.</summary>
    /// <param name="state">The dispatched event.</param>
    /// <param name="slot">The event interval just finished.</param>
    /// <param name="readings">Per dispatched device id, its readings of slots <paramref name="slot"/> − 1 and <paramref name="slot"/>.</param>
    public static bool Observe(DrEventState state, int slot, IReadOnlyDictionary<string, IReadOnlyList<Reading>> readings)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(readings);
        var start = state.Start + (state.Interval * slot);
        var found = false;
        foreach (var device in state.Devices.Where(d => d.ExpectedW[slot] > 0.5 && state.Observations.All(o => o.DeviceId != d.DeviceId || !o.Dropped)))
        {
            var own = readings.GetValueOrDefault(device.DeviceId) ?? [];
            var current = own.FirstOrDefault(r => r.IntervalStart == start && r.Duration == state.Interval);
            var seenBefore = slot == 0 || own.Any(r => r.IntervalStart == start - state.Interval);
            if (current is null)
            {
                if (!seenBefore)
                {
                    state.Observations.Add(new DrObservation { DeviceId = device.DeviceId, Slot = slot, Dropped = true });
                    found = true;
                }

                continue;
            }

            // Delivery against the frozen baseline, as the measurement will count it.
            var deliveringW = (current.EnergyExportedWh - current.EnergyImportedWh) / state.Interval.TotalHours;
            var deliveredW = state.Kind == DispatchTargetKind.ExportLimit ? device.BaselineW - deliveringW : deliveringW - device.BaselineW;
            var held = state.Observations.LastOrDefault(o => o.DeviceId == device.DeviceId);
            if (deliveredW < UnderDeliveryShare * device.ExpectedW[slot] && (held is null || deliveredW < held.DeliveredW - 0.5))
            {
                state.Observations.Add(new DrObservation { DeviceId = device.DeviceId, Slot = slot, DeliveredW = Math.Max(0, deliveredW) });
                found = true;
            }
        }

        return found;
    }

    /// <summary>Re-plans intervals from <paramref name="firstSlot"/> on; returns the devices whose setpoints changed.</summary>
    public static IReadOnlyList<DrDevicePlan> Redispatch(DrEventState state, int firstSlot)
    {
        ArgumentNullException.ThrowIfNull(state);
        var fleet = state.Fleet.Select(m => m.ToFlexible()).ToArray();
        var index = state.Fleet.Select((m, i) => (m.DeviceId, i)).ToDictionary(x => x.DeviceId, x => x.i, StringComparer.Ordinal);
        var observations = state.Observations
            .GroupBy(o => o.DeviceId)
            .Where(g => index.ContainsKey(g.Key))
            .Select(g => g.Any(o => o.Dropped) ? DeliveryObservation.DroppedOut(index[g.Key]) : DeliveryObservation.Delivered(index[g.Key], g.Min(o => o.DeliveredW)))
            .ToList();
        var window = new DispatchWindow(state.Start, state.End);
        var slots = state.ValuesW.Count;
        var plans = state.Devices.ToDictionary(d => d.DeviceId, StringComparer.Ordinal);
        var changed = new HashSet<string>(StringComparer.Ordinal);
        for (var k = firstSlot; k < slots; k++)
        {
            var targets = state.RegionPlans.Select((r, idx) => new DispatchTarget(idx, state.Kind, state.ValuesW[k], r.ForecastW)).ToArray();
            var plan = Dispatcher.Redispatch(fleet, Dispatcher.Dispatch(fleet, targets, window), observations);
            foreach (var outcome in plan.Regions)
            {
                state.RegionPlans[outcome.RegionIndex].AllocatedW[k] = outcome.AllocatedW;
            }

            for (var i = 0; i < fleet.Length; i++)
            {
                var member = state.Fleet[i];
                var setpoint = plan.SetpointOf(fleet, i);
                var w = setpoint.Kind == SetpointKind.None ? (double?)null : Math.Round(setpoint.W);
                if (!plans.TryGetValue(member.DeviceId, out var device))
                {
                    if (plan.ExpectedW[i] <= 0)
                    {
                        continue;
                    }

                    device = NewPlan(member, slots, setpoint.Kind);
                    plans[member.DeviceId] = device;
                    state.Devices.Add(device);
                }

                if (device.SetpointW[k] != w || Math.Abs(device.ExpectedW[k] - plan.ExpectedW[i]) > 0.5)
                {
                    changed.Add(member.DeviceId);
                }

                device.ExpectedW[k] = plan.ExpectedW[i];
                device.SetpointW[k] = w;
            }
        }

        return [.. state.Devices.Where(d => changed.Contains(d.DeviceId))];
    }

    private static DrDevicePlan NewPlan(DrFleetMember member, int slots, SetpointKind kind) => new()
    {
        DeviceId = member.DeviceId,
        ResourceName = member.ResourceName,
        Region = member.Region,
        Kind = member.Kind,
        NameplatePowerW = member.NameplatePowerW,
        BaselineW = member.BaselineW,
        BaselineIntervalStart = member.BaselineIntervalStart,
        SetpointKind = kind,
        ExpectedW = [.. new double[slots]],
        SetpointW = [.. new double?[slots]],
    };
}
