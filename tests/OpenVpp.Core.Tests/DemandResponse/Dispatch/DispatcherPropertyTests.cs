using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using OpenVpp.Core.DemandResponse.Dispatch;

namespace OpenVpp.Core.Tests.DemandResponse.Dispatch;

/// <summary>Properties over random fleets (FsCheck chooses the seeds): safety, accounting, merit order and fairness.</summary>
public class DispatcherPropertyTests
{
    private static readonly DispatchWindow Window = RandomFleet.ThreeHours;

    [Property(MaxTest = 60)]
    public Property No_setpoint_breaks_a_device_limit(int seed, PositiveInt needKw, bool exportLimit)
    {
        var fleet = RandomFleet.Create(seed, 300, 3);
        var plan = Dispatcher.Dispatch(fleet, Targets(needKw.Get * 1_000.0, exportLimit), Window);

        var violations = Enumerable.Range(0, fleet.Length)
            .Select(i => SetpointLimits.Violation(fleet[i], plan.SetpointOf(fleet, i), Window))
            .Where(v => v is not null)
            .ToList();
        return (violations.Count == 0 && plan.ExpectedW.All(w => w >= 0) && plan.ExpectedW.Select((w, i) => w <= plan.HeadroomW[i] + 1e-6).All(x => x))
            .Label(string.Join("; ", violations.Take(3)));
    }

    [Property(MaxTest = 60)]
    public Property Allocated_plus_shortfall_is_requested_and_a_feasible_target_is_met(int seed, PositiveInt needKw, bool exportLimit)
    {
        var fleet = RandomFleet.Create(seed, 300, 3);
        var plan = Dispatcher.Dispatch(fleet, Targets(needKw.Get * 1_000.0, exportLimit), Window);

        return plan.Regions.All(r =>
        {
            var available = Enumerable.Range(0, fleet.Length).Where(i => fleet[i].RegionIndex == r.RegionIndex).Sum(i => plan.HeadroomW[i]);
            var met = r.RequestedW <= available ? Math.Abs(r.AllocatedW - r.RequestedW) < 1 : Math.Abs(r.AllocatedW - available) < 1;
            return met && Math.Abs(r.AllocatedW + r.ShortfallW - Math.Max(r.RequestedW, r.AllocatedW)) < 1e-6 && r.Feasible == (r.RequestedW <= available + 0.5);
        }).ToProperty();
    }

    [Property(MaxTest = 60)]
    public Property Cheaper_devices_are_used_first_and_equal_prices_get_equal_fractions(int seed, PositiveInt needKw)
    {
        var fleet = RandomFleet.Create(seed, 300, 3);
        var plan = Dispatcher.Dispatch(fleet, Targets(needKw.Get * 1_000.0, exportLimit: false), Window);

        var ok = true;
        var why = "";
        foreach (var region in Enumerable.Range(0, 3))
        {
            var used = Enumerable.Range(0, fleet.Length).Where(i => fleet[i].RegionIndex == region && plan.HeadroomW[i] > 1e-9).ToList();
            var fractions = used.Select(i => (Cost: Math.Round(fleet[i].CostPerKwh, 4), Fraction: plan.ExpectedW[i] / plan.HeadroomW[i])).ToList();

            // Within a price one fraction; a dearer price is only used once every cheaper one is used whole.
            foreach (var tier in fractions.GroupBy(f => f.Cost))
            {
                var equal = tier.Max(f => f.Fraction) - tier.Min(f => f.Fraction) < 1e-9;
                var ordered = tier.Min(f => f.Fraction) <= 0 || fractions.Where(f => f.Cost < tier.Key).All(f => f.Fraction > 1 - 1e-9);
                why += equal && ordered ? "" : $"region {region} cost {tier.Key}: fractions {tier.Min(f => f.Fraction)}..{tier.Max(f => f.Fraction)}, ordered {ordered}; ";
                ok &= equal && ordered;
            }
        }

        return ok.Label(why);
    }

    [Property(MaxTest = 40)]
    public Property Redispatch_never_uses_a_dropped_device_and_keeps_every_limit(int seed, PositiveInt needKw)
    {
        var fleet = RandomFleet.Create(seed, 200, 2);
        var plan = Dispatcher.Dispatch(fleet, Targets(needKw.Get * 1_000.0, exportLimit: false), Window);
        var dropped = Enumerable.Range(0, fleet.Length).Where(i => plan.ExpectedW[i] > 0 && i % 3 == 0).ToList();

        var again = Dispatcher.Redispatch(fleet, plan, [.. dropped.Select(DeliveryObservation.DroppedOut)]);

        var safe = Enumerable.Range(0, fleet.Length).All(i => SetpointLimits.Violation(fleet[i], again.SetpointOf(fleet, i), Window) is null);
        var noDropped = dropped.All(i => again.ExpectedW[i] == 0);
        var notWorse = again.Regions.Zip(plan.Regions).All(p => p.First.AllocatedW <= p.Second.AllocatedW + 1e-6);
        return (safe && noDropped && notWorse).ToProperty();
    }

    private static DispatchTarget[] Targets(double needW, bool exportLimit) =>
        [.. Enumerable.Range(0, 3).Select(r => exportLimit
            ? new DispatchTarget(r, DispatchTargetKind.ExportLimit, 10_000, 10_000 + needW)
            : new DispatchTarget(r, DispatchTargetKind.Reduction, needW * (r + 1)))];
}
