using OpenVpp.Core.Devices;

namespace OpenVpp.Core.DemandResponse.Dispatch;

/// <summary>What a device is told to do: the absolute setpoint its gateway applies, in W.</summary>
public enum SetpointKind
{
    /// <summary>No instruction: the device follows its own control.</summary>
    None,

    /// <summary>Battery power, positive discharging.</summary>
    BatteryPowerW,

    /// <summary>EV charging cap (0 pauses).</summary>
    ChargingLimitW,

    /// <summary>PV output cap.</summary>
    GenerationLimitW,
}

/// <summary>One device's instruction.</summary>
public readonly record struct DeviceSetpoint(SetpointKind Kind, double W);

/// <summary>
/// How one region came out: requested flexibility, what the fleet was given, and what nobody could cover. A target
/// is feasible when the shortfall is under half a watt (rounding only).
/// </summary>
public readonly record struct RegionOutcome(int RegionIndex, DispatchTargetKind Kind, double RequestedW, double AllocatedW, int DeviceCount)
{
    public double ShortfallW => Math.Max(0, RequestedW - AllocatedW);

    public bool Feasible => ShortfallW < 0.5;
}

/// <summary>
/// The dispatcher's answer for one window: per device (in fleet order) the flexibility it can offer and the part it
/// is expected to deliver, and per region the outcome. Setpoints follow from those and the device's baseline.
/// </summary>
public sealed class DispatchPlan
{
    internal DispatchPlan(DispatchWindow window, DispatchTarget[] targets, double[] headroomW, double[] expectedW, bool[] moreDelivery, RegionOutcome[] regions)
    {
        Window = window;
        Targets = targets;
        HeadroomW = headroomW;
        ExpectedW = expectedW;
        MoreDelivery = moreDelivery;
        Regions = regions;
    }

    public DispatchWindow Window { get; }

    public IReadOnlyList<DispatchTarget> Targets { get; }

    /// <summary>Per device, the most flexibility it could hold through the window, W.</summary>
    public IReadOnlyList<double> HeadroomW { get; }

    /// <summary>Per device, the flexibility it is dispatched for, W (0 = not dispatched).</summary>
    public IReadOnlyList<double> ExpectedW { get; }

    /// <summary>Per region index that has a target, its outcome.</summary>
    public IReadOnlyList<RegionOutcome> Regions { get; }

    public double ShortfallW => Regions.Sum(r => r.ShortfallW);

    public bool Feasible => Regions.All(r => r.Feasible);

    /// <summary>Per region index, whether its target needs more delivery (import limit, reduction) or less (export limit).</summary>
    internal IReadOnlyList<bool> MoreDelivery { get; }

    /// <summary>
    /// The setpoint for device <paramref name="index"/> of <paramref name="fleet"/>: a battery's power moves by its
    /// expected flexibility from its baseline; a car's charging is capped below what it would draw; PV is capped
    /// below its forecast.
    /// </summary>
    public DeviceSetpoint SetpointOf(FlexibleDevice[] fleet, int index)
    {
        ArgumentNullException.ThrowIfNull(fleet);
        var expected = ExpectedW[index];
        if (expected <= 0)
        {
            return default;
        }

        var d = fleet[index];
        var more = MoreDelivery[d.RegionIndex];
        return d.Kind switch
        {
            DeviceKind.Battery => BatterySetpoint(d, more, expected),
            DeviceKind.EvCharger => new DeviceSetpoint(SetpointKind.ChargingLimitW, Math.Max(0, -d.BaselineW - expected)),
            DeviceKind.SolarInverter => new DeviceSetpoint(SetpointKind.GenerationLimitW, Math.Max(0, d.BaselineW - expected)),
            _ => default,
        };
    }

    private DeviceSetpoint BatterySetpoint(in FlexibleDevice d, bool more, double expectedW)
    {
        var baselineW = Headroom.SustainableBaselineW(d, Window);
        return new DeviceSetpoint(SetpointKind.BatteryPowerW, more ? baselineW + expectedW : baselineW - expectedW);
    }
}
