using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using OpenVpp.Core.DemandResponse.Baselines;

namespace OpenVpp.Core.Tests.DemandResponse.Baselines;

public class BaselinePropertyTests
{
    [Property(MaxTest = 40)]
    public Property Identical_days_give_that_day_as_baseline(PositiveInt at17, PositiveInt at18, PositiveInt x)
    {
        var history = History.Build((_, hour) => hour == 17 ? at17.Get : hour == 18 ? at18.Get : 1);
        var result = new XOfYBaseline(Math.Min(x.Get, 10), 10).Compute(history, History.Context());
        return (result.NetImportWh[0] == at17.Get && result.NetImportWh[1] == at18.Get).ToProperty();
    }

    [Property(MaxTest = 40)]
    public Property Scaling_the_history_scales_the_baseline(int seed, PositiveInt factor)
    {
        var rng = new Random(seed);
        var values = Enumerable.Range(0, 60 * 24).Select(_ => (double)rng.Next(0, 5_000)).ToArray();
        var baseHistory = History.Build((day, hour) => values[(day.DayNumber % 60 * 24) + hour]);
        var scaled = History.Build((day, hour) => values[(day.DayNumber % 60 * 24) + hour] * factor.Get);
        var method = new XOfYBaseline(5, 10, new DayOfAdjustment());

        var a = method.Compute(baseHistory, History.Context());
        var b = method.Compute(scaled, History.Context());
        return a.NetImportWh.Zip(b.NetImportWh).All(p => Math.Abs((p.First * factor.Get) - p.Second) < 1e-6 * Math.Max(1, p.Second)).ToProperty();
    }

    [Property(MaxTest = 40)]
    public Property A_ratio_adjustment_stays_within_its_cap(int seed, PositiveInt capPercent)
    {
        var rng = new Random(seed);
        var cap = Math.Min(capPercent.Get, 90) / 100.0;
        var history = History.Build((_, _) => rng.Next(1, 5_000));
        var result = XOfYBaseline.TenInTen(new DayOfAdjustment(Cap: cap)).Compute(history, History.Context());
        return (result.Adjustment >= 1 - cap - 1e-12 && result.Adjustment <= 1 + cap + 1e-12).ToProperty();
    }
}
