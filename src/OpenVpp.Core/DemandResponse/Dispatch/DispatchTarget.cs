namespace OpenVpp.Core.DemandResponse.Dispatch;

/// <summary>What an event asks of a region.</summary>
public enum DispatchTargetKind
{
    /// <summary>Hold the region's net grid import at or under the limit (IMPORT_CAPACITY_LIMIT).</summary>
    ImportLimit,

    /// <summary>Hold the region's net grid export at or under the limit (EXPORT_CAPACITY_LIMIT).</summary>
    ExportLimit,

    /// <summary>Deliver this much reduction of net import, whatever the forecast.</summary>
    Reduction,
}

/// <summary>
/// One region's target for the window. <paramref name="ForecastW"/> is the region's net import (ImportLimit) or net
/// export (ExportLimit) expected without the event; it is not used for a Reduction.
/// </summary>
public readonly record struct DispatchTarget(int RegionIndex, DispatchTargetKind Kind, double LimitW, double ForecastW = 0)
{
    /// <summary>Flexibility needed, W: what the forecast exceeds the limit by, or the reduction asked.</summary>
    public double RequiredW => Kind == DispatchTargetKind.Reduction ? Math.Max(0, LimitW) : Math.Max(0, ForecastW - LimitW);

    /// <summary>Import limits and reductions need more delivery (or less draw); export limits need the opposite.</summary>
    public bool NeedsMoreDelivery => Kind != DispatchTargetKind.ExportLimit;
}

/// <summary>
/// The part of the event still to come when dispatching: energy limits (a battery's reserve, a car's departure) are
/// spread over it, so a device dispatched from <see cref="From"/> to <see cref="End"/> stays within them throughout.
/// </summary>
public readonly record struct DispatchWindow(DateTimeOffset From, DateTimeOffset End)
{
    public double Hours => Math.Max(0, (End - From).TotalHours);
}
