namespace OpenVpp.Core.DemandResponse.Dispatch;

/// <summary>
/// Splits each region's target across its batteries, EV chargers and PV inverters: least cost first, fair within a
/// price (<see cref="MeritOrder"/>), never past a device's limits (<see cref="Headroom"/>), and says what no device
/// could cover. Pure: the same fleet, targets and window always give the same plan.
/// </summary>
public static class Dispatcher
{
    public static DispatchPlan Dispatch(FlexibleDevice[] fleet, IReadOnlyList<DispatchTarget> targets, DispatchWindow window)
    {
        ArgumentNullException.ThrowIfNull(fleet);
        var byRegion = TargetsByRegion(fleet, targets);
        var moreDelivery = byRegion.Select(t => t?.NeedsMoreDelivery ?? true).ToArray();

        var headroom = new double[fleet.Length];
        for (var i = 0; i < fleet.Length; i++)
        {
            ref readonly var d = ref fleet[i];
            if (d.Problem() is { } problem)
            {
                throw new ArgumentException($"Device {i} ({d.Kind}) cannot be dispatched: {problem}.", nameof(fleet));
            }

            headroom[i] = d.RegionIndex < byRegion.Length && byRegion[d.RegionIndex] is not null ? Headroom.W(d, moreDelivery[d.RegionIndex], window) : 0;
        }

        var required = byRegion.Select(t => t?.RequiredW ?? 0).ToArray();
        var expected = new double[fleet.Length];
        MeritOrder.Allocate(fleet, headroom, required, expected);
        return Plan(fleet, [.. targets], byRegion, window, headroom, expected, moreDelivery);
    }

    /// <summary>
    /// Re-dispatches <paramref name="previous"/> after devices dropped out or delivered less than expected: a dropped
    /// device is asked for nothing, an under-delivering one for what it delivers, and what they leave missing goes to
    /// the others' unused headroom, least cost first and fair, or stands as shortfall.
    /// </summary>
    public static DispatchPlan Redispatch(FlexibleDevice[] fleet, DispatchPlan previous, IReadOnlyList<DeliveryObservation> observations)
    {
        ArgumentNullException.ThrowIfNull(fleet);
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(observations);
        if (previous.ExpectedW.Count != fleet.Length)
        {
            throw new ArgumentException($"The plan is for {previous.ExpectedW.Count} devices, the fleet has {fleet.Length}.", nameof(previous));
        }

        var expected = previous.ExpectedW.ToArray();
        var headroom = previous.HeadroomW.ToArray();
        var settled = new bool[fleet.Length];
        foreach (var seen in observations)
        {
            if ((uint)seen.DeviceIndex >= (uint)fleet.Length)
            {
                throw new ArgumentOutOfRangeException(nameof(observations), seen.DeviceIndex, $"No device {seen.DeviceIndex} in a fleet of {fleet.Length}.");
            }

            // Half a watt of slack: a device within rounding of its allocation delivered it.
            if (seen.Dropped || seen.DeliveredW < expected[seen.DeviceIndex] - 0.5)
            {
                expected[seen.DeviceIndex] = seen.Dropped ? 0 : Math.Max(0, seen.DeliveredW);
                settled[seen.DeviceIndex] = true;
            }
        }

        var byRegion = TargetsByRegion(fleet, previous.Targets);
        var missing = byRegion.Select(t => t?.RequiredW ?? 0).ToArray();
        var residual = new double[fleet.Length];
        for (var i = 0; i < fleet.Length; i++)
        {
            var region = fleet[i].RegionIndex;
            if (region < missing.Length)
            {
                missing[region] -= expected[i];
            }

            residual[i] = settled[i] ? 0 : Math.Max(0, headroom[i] - expected[i]);
            if (settled[i])
            {
                headroom[i] = expected[i];
            }
        }

        MeritOrder.Allocate(fleet, residual, missing, expected);
        return Plan(fleet, [.. previous.Targets], byRegion, previous.Window, headroom, expected, [.. previous.MoreDelivery]);
    }

    private static DispatchTarget?[] TargetsByRegion(FlexibleDevice[] fleet, IReadOnlyList<DispatchTarget> targets)
    {
        ArgumentNullException.ThrowIfNull(targets);
        var regions = Math.Max(targets.Count == 0 ? 0 : targets.Max(t => t.RegionIndex) + 1, 0);
        var byRegion = new DispatchTarget?[regions];
        foreach (var target in targets)
        {
            if (target.RegionIndex < 0 || !double.IsFinite(target.LimitW) || !double.IsFinite(target.ForecastW))
            {
                throw new ArgumentException($"Target for region {target.RegionIndex} is invalid: a negative region or a non-finite limit or forecast.", nameof(targets));
            }

            if (byRegion[target.RegionIndex] is not null)
            {
                throw new ArgumentException($"Region {target.RegionIndex} has two targets; an event gives each region one.", nameof(targets));
            }

            byRegion[target.RegionIndex] = target;
        }

        return byRegion;
    }

    private static DispatchPlan Plan(
        FlexibleDevice[] fleet, DispatchTarget[] targets, DispatchTarget?[] byRegion, DispatchWindow window,
        double[] headroom, double[] expected, bool[] moreDelivery)
    {
        var allocated = new double[byRegion.Length];
        var devices = new int[byRegion.Length];
        for (var i = 0; i < fleet.Length; i++)
        {
            var region = fleet[i].RegionIndex;
            if (expected[i] > 0 && region < byRegion.Length)
            {
                allocated[region] += expected[i];
                devices[region]++;
            }
        }

        var outcomes = targets
            .Select(t => new RegionOutcome(t.RegionIndex, t.Kind, t.RequiredW, allocated[t.RegionIndex], devices[t.RegionIndex]))
            .ToArray();
        return new DispatchPlan(window, targets, headroom, expected, moreDelivery, outcomes);
    }
}
