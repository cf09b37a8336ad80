using OpenVpp.Core.DemandResponse.Dispatch;

namespace OpenVpp.Node.DemandResponse;

/// <summary>Where an operator event is in the node's hands.</summary>
internal enum DrStatus
{
    /// <summary>Read and accepted; the fleet is dispatched one lead time before it starts.</summary>
    Scheduled,

    /// <summary>The plan is made and kept; per-device events are being written to the VTN.</summary>
    Dispatching,

    /// <summary>Every dispatched device has its per-device event.</summary>
    Dispatched,

    /// <summary>Delivery is measured and reported.</summary>
    Measured,

    /// <summary>The operator deleted the event; its per-device events are withdrawn.</summary>
    Cancelled,

    /// <summary>The fleet cannot act on it (see <see cref="DrEventState.Refusal"/>).</summary>
    Refused,
}

/// <summary>
/// Everything the node decided and saw for one operator event, kept in <c>DIR/dr/{eventId}.json</c> so a restart
/// resumes where it stood: the request, the frozen baselines and per-interval plan of every device, the per-device
/// events written to the VTN, and the measurement once made.
/// </summary>
internal sealed class DrEventState
{
    public required string EventId { get; init; }

    public required string ProgramId { get; init; }

    public required DispatchTargetKind Kind { get; init; }

    public required List<string> Regions { get; init; }

    public required DateTimeOffset Start { get; init; }

    public required TimeSpan Interval { get; init; }

    /// <summary>Per event interval, the limit or reduction asked, W.</summary>
    public required List<double> ValuesW { get; init; }

    public DrStatus Status { get; set; }

    public string? Refusal { get; set; }

    public DateTimeOffset? DispatchedAt { get; set; }

    /// <summary>
    /// When its flexibility is credited: the rewards oracle puts it in the epoch holding this instant (the event's
    /// end plus the late-reading allowance, fixed when scheduled), and waits for the measurement if need be.
    /// </summary>
    public DateTimeOffset? SettlesAt { get; set; }

    public List<DrRegionPlan> RegionPlans { get; set; } = [];

    public List<DrDevicePlan> Devices { get; set; } = [];

    /// <summary>
    /// The whole fleet as frozen at dispatch, dispatched or not, in dispatcher order: re-dispatch replays the same
    /// plan from it (the dispatcher is pure) and moves what failing devices leave to the others' headroom.
    /// </summary>
    public List<DrFleetMember> Fleet { get; set; } = [];

    /// <summary>Devices seen failing so far: dropped out, or delivering under 80 % (then held at what they delivered, W).</summary>
    public List<DrObservation> Observations { get; set; } = [];

    /// <summary>The last event interval whose readings were checked for drop-outs and under-delivery (−1: none yet).</summary>
    public int LastObservedSlot { get; set; } = -1;

    public DrEventResult? Result { get; set; }

    public DateTimeOffset End => Start + (Interval * ValuesW.Count);

    public bool IsFinal => Status is DrStatus.Measured or DrStatus.Cancelled or DrStatus.Refused;

    public static DrEventState From(DrEventRequest request) => new()
    {
        EventId = request.EventId,
        ProgramId = request.ProgramId,
        Kind = request.Kind,
        Regions = [.. request.Regions],
        Start = request.Start,
        Interval = request.Interval,
        ValuesW = [.. request.ValuesW],
        Status = DrStatus.Scheduled,
    };
}

/// <summary>One region as dispatched: the uncontrolled forecast (import limit: net import; export limit: net export) and per interval what was required and allocated, W.</summary>
internal sealed class DrRegionPlan
{
    public required string Region { get; init; }

    public double ForecastW { get; init; }

    public required List<double> RequiredW { get; init; }

    public required List<double> AllocatedW { get; init; }

    public int DeviceCount { get; init; }
}

/// <summary>
/// One dispatched device: its resource, its baseline frozen at dispatch (the average power of the reading interval
/// starting at <see cref="BaselineIntervalStart"/>, positive delivering), and per event interval the flexibility it
/// is expected to give and the setpoint sent (null: left to its own control).
/// </summary>
internal sealed class DrDevicePlan
{
    public required string DeviceId { get; init; }

    public required string ResourceName { get; init; }

    public required string Region { get; init; }

    public required Core.Devices.DeviceKind Kind { get; init; }

    public required long NameplatePowerW { get; init; }

    public double BaselineW { get; init; }

    public DateTimeOffset BaselineIntervalStart { get; init; }

    public SetpointKind SetpointKind { get; init; }

    public required List<double> ExpectedW { get; init; }

    public required List<double?> SetpointW { get; init; }

    /// <summary>The id of its per-device event at the VTN, once written.</summary>
    public string? ChildEventId { get; set; }

    public string ChildEventName(string parentId) => $"{DrEventReader.ChildPrefix}{parentId}:{ResourceName}";
}

/// <summary>One fleet device as the dispatcher saw it at dispatch (<see cref="Core.DemandResponse.Dispatch.FlexibleDevice"/>'s fields).</summary>
internal sealed class DrFleetMember
{
    public required string DeviceId { get; init; }

    public required string ResourceName { get; init; }

    public required string Region { get; init; }

    public required Core.Devices.DeviceKind Kind { get; init; }

    public long NameplatePowerW { get; init; }

    public DateTimeOffset BaselineIntervalStart { get; init; }

    public int RegionIndex { get; init; }

    public double MaxDeliverW { get; init; }

    public double MaxDrawW { get; init; }

    public double BaselineW { get; init; }

    public double StoredWh { get; init; }

    public double ReserveWh { get; init; }

    public double CapacityWh { get; init; }

    public double Efficiency { get; init; }

    public FlexibleDevice ToFlexible() => new(Kind, RegionIndex, 0, MaxDeliverW, MaxDrawW, BaselineW, StoredWh, ReserveWh, CapacityWh, Efficiency, 0, default);
}

/// <summary>A device seen failing during an event, and in which interval.</summary>
internal sealed class DrObservation
{
    public required string DeviceId { get; init; }

    public int Slot { get; init; }

    public bool Dropped { get; init; }

    public double DeliveredW { get; init; }
}

/// <summary>The measured outcome of an event (kW are means over its intervals).</summary>
internal sealed class DrEventResult
{
    public required string Method { get; init; }

    public double RequestedKw { get; init; }

    public double DeliveredKw { get; init; }

    public double Performance { get; init; }

    public double ShortfallKw { get; init; }

    public int Devices { get; init; }

    /// <summary>Device intervals in which a dispatched device went past a limit: its power rating, its cap, or the owner's battery reserve.</summary>
    public int LimitViolations { get; init; }

    /// <summary>Import/export limit events: intervals in which a region's metered net import (export) still exceeded the limit.</summary>
    public int GridLimitExceededIntervals { get; init; }

    public int MissingReadings { get; init; }

    public int DevicesWithoutBaseline { get; init; }

    public required List<double> DeliveredKwByInterval { get; init; }

    public required List<DrRegionResult> Regions { get; init; }

    public required List<DrDeviceResult> PerDevice { get; init; }

    public DateTimeOffset MeasuredAt { get; init; }
}

internal sealed class DrRegionResult
{
    public required string Region { get; init; }

    public double RequestedKw { get; init; }

    public double DeliveredKw { get; init; }

    public double Performance { get; init; }

    public int Devices { get; init; }
}

internal sealed class DrDeviceResult
{
    public required string DeviceId { get; init; }

    public required string ResourceName { get; init; }

    public double BaselineKw { get; init; }

    public double ExpectedKw { get; init; }

    public double DeliveredKw { get; init; }

    public double DeliveredKwh { get; init; }

    public double Performance { get; init; }

    public int LimitViolations { get; init; }

    public string? Failure { get; init; }

    /// <summary>Per event interval: baseline and delivered reduction, kW (null where no reading came).</summary>
    public required List<double?> BaselineKwByInterval { get; init; }

    public required List<double?> DeliveredKwByInterval { get; init; }
}
