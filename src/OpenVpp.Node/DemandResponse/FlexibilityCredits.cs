using OpenVpp.Core.DemandResponse.Verification;
using OpenVpp.Core.Devices;
using OpenVpp.Core.Epochs;
using OpenVpp.Core.Rewards;

namespace OpenVpp.Node.DemandResponse;

/// <summary>
/// What the rewards oracle credits for demand response in an epoch: every event settling in it (see
/// <see cref="DrEventState.SettlesAt"/>), per dispatched device its delivered Wh × performance, capped as
/// <see cref="FlexibilityReward"/> says. An epoch with an event still unmeasured is not ready: its rewards wait.
/// </summary>
internal sealed class FlexibilityCredits(DemandResponseService service, EpochSchedule schedule)
{
    private static readonly FlexibilityReward Reward = new();

    public bool TryGet(long epoch, out IReadOnlyList<FlexibilityCredit> credits, out string? waitingFor)
    {
        var start = schedule.StartOf(epoch);
        var end = schedule.EndOf(epoch);
        var settling = service.Enabled
            ? service.Snapshot().Where(s => s.SettlesAt is { } at && at >= start && at < end).ToList()
            : [];
        waitingFor = settling.FirstOrDefault(s => !s.IsFinal)?.EventId;
        if (waitingFor is not null)
        {
            credits = [];
            return false;
        }

        var list = new List<FlexibilityCredit>();
        foreach (var state in settling.Where(s => s.Result is not null))
        {
            foreach (var device in state.Result!.PerDevice.Where(d => d.Failure is null))
            {
                var wh = (long)Math.Floor(Reward.Weight(device.DeliveredKwh * 1_000, device.Performance) * 1_000);
                if (wh > 0 && DeviceId.TryParse(device.DeviceId, out var id))
                {
                    list.Add(new FlexibilityCredit(id, state.EventId, wh));
                }
            }
        }

        credits = list;
        return true;
    }
}
