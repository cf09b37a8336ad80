using OpenVpp.Core.DemandResponse.Dispatch;

namespace OpenVpp.Node.DemandResponse;

/// <summary>
/// An operator event the fleet acts on, read from its OpenADR form: what it asks (<see cref="Kind"/>), of which
/// regions, and per reading interval of the event the value in W (the limit, or the reduction asked).
/// </summary>
internal sealed record DrEventRequest(
    string EventId,
    string ProgramId,
    DispatchTargetKind Kind,
    IReadOnlyList<string> Regions,
    DateTimeOffset Start,
    TimeSpan Interval,
    IReadOnlyList<double> ValuesW)
{
    public DateTimeOffset End => Start + (Interval * ValuesW.Count);

    public DateTimeOffset SlotStart(int slot) => Start + (Interval * slot);
}
