namespace OpenVpp.Core.DemandResponse.Baselines;

/// <summary>
/// A baseline over the event window: expected net import Wh per event interval had there been no event, the days it
/// was built from, and the day-of adjustment applied (1 for ratio methods without one, 0 for additive). When the
/// history cannot support a baseline, <see cref="Failure"/> says why and there are no values: never a silent zero.
/// </summary>
public sealed record BaselineResult(IReadOnlyList<double> NetImportWh, IReadOnlyList<DateOnly> Days, double Adjustment, string? Failure)
{
    public bool Succeeded => Failure is null;

    public static BaselineResult Failed(string reason) => new([], [], 0, reason);
}
