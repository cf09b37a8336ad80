namespace OpenVpp.Node.DemandResponse;

/// <summary>One operator event as <c>GET /v1/dr/events</c> shows it: what was asked, planned and (once measured) delivered.</summary>
internal sealed record DrEventView(
    string Id,
    string ProgramId,
    string Kind,
    IReadOnlyList<string> Regions,
    DateTimeOffset Start,
    DateTimeOffset End,
    string Status,
    string? Refusal,
    DateTimeOffset? DispatchedAt,
    DateTimeOffset? SettlesAt,
    double PlannedKw,
    double ShortfallKw,
    int Devices,
    DrEventResult? Result)
{
    public static DrEventView Of(DrEventState state, bool withDevices)
    {
        ArgumentNullException.ThrowIfNull(state);
        var planned = state.RegionPlans.Sum(r => r.AllocatedW.DefaultIfEmpty().Average());
        var required = state.RegionPlans.Sum(r => r.RequiredW.DefaultIfEmpty().Average());
        var result = state.Result;
        if (result is not null && !withDevices)
        {
            result = new DrEventResult
            {
                Method = result.Method,
                RequestedKw = result.RequestedKw,
                DeliveredKw = result.DeliveredKw,
                Performance = result.Performance,
                ShortfallKw = result.ShortfallKw,
                Devices = result.Devices,
                LimitViolations = result.LimitViolations,
                GridLimitExceededIntervals = result.GridLimitExceededIntervals,
                MissingReadings = result.MissingReadings,
                DevicesWithoutBaseline = result.DevicesWithoutBaseline,
                DeliveredKwByInterval = result.DeliveredKwByInterval,
                Regions = result.Regions,
                PerDevice = [],
                MeasuredAt = result.MeasuredAt,
            };
        }

        return new DrEventView(
            state.EventId,
            state.ProgramId,
            state.Kind.ToString(),
            state.Regions,
            state.Start,
            state.End,
            state.Status.ToString(),
            state.Refusal,
            state.DispatchedAt,
            state.SettlesAt,
            Math.Round(planned / 1_000, 3),
            Math.Round(Math.Max(0, required - planned) / 1_000, 3),
            state.Devices.Count,
            result);
    }
}

/// <summary>The answer of <c>GET /v1/dr/events</c>.</summary>
internal sealed record DrEventPage(IReadOnlyList<DrEventView> Events);
