using System.Globalization;
using System.Text;

namespace OpenVpp.Cli.Demo;

/// <summary>The human-readable demo report, and the verdict the exit code gives.</summary>
internal static class DemoSummary
{
    public static bool Passed(DemoReport report) =>
        report.Readings.Lost == 0
        && report.Epochs.All(e => e.Verified && e.CommitTx is not null && e.ChainVerified)
        && report.Rewards.Mismatches == 0
        && report.Faults.Injected.Where(f => !f.Key.EndsWith("_restart", StringComparison.Ordinal))
            .All(f => report.Faults.DetectedAsExpected.GetValueOrDefault(f.Key) == f.Value)
        && (report.Dr is null || (report.Dr.Events.Count > 0 && report.Dr.Events.All(e => e.Passed)));

    public static string Format(DemoReport r)
    {
        var text = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        text.AppendLine(c, $"OpenVPP demo: {r.Devices} devices, {r.Hours} simulated hours, seed {r.Seed} ({r.WallSeconds} s)");
        text.AppendLine(c, $"  readings   sent {r.Readings.Sent:N0}, accepted {r.Readings.Accepted:N0}, lost {r.Readings.Lost}");
        foreach (var (reason, count) in r.Readings.Rejected.Where(x => x.Value > 0))
        {
            text.AppendLine(c, $"             rejected {reason}: {count}");
        }

        foreach (var (kind, count) in r.Faults.Injected)
        {
            var caught = kind.EndsWith("_restart", StringComparison.Ordinal) ? "" : $", rejected as {kind}: {r.Faults.DetectedAsExpected.GetValueOrDefault(kind)}";
            text.AppendLine(c, $"  fault      {kind} x{count}{caught}");
        }

        text.AppendLine(c, $"  epochs     {r.Epochs.Count} sealed, {r.Epochs.Count(e => e.Verified)} roots recomputed and matching");
        foreach (var e in r.Epochs.Where(e => e.Readings > 0).Take(48))
        {
            text.AppendLine(c, $"             #{e.Index} {e.Start:MM-dd HH:mm}  {e.Readings,6} readings  {e.DataRoot}{(e.Verified ? "" : "  MISMATCH")}");
        }

        var en = r.EnergyWh;
        text.AppendLine(c, $"  energy     generated {en.Generated / 1000.0:N1} kWh, consumed {en.Consumed / 1000.0:N1} kWh, grid import {en.Imported / 1000.0:N1} kWh, export {en.Exported / 1000.0:N1} kWh");
        text.AppendLine(c, $"             battery charged {en.BatteryCharged / 1000.0:N1} kWh, discharged {en.BatteryDischarged / 1000.0:N1} kWh; balance error {en.BalanceError:E2}");
        text.AppendLine(c, $"  chain      id {r.Chain.ChainId} at {r.Chain.Rpc}; {r.Epochs.Count(e => e.CommitTx is not null)} epochs committed, {r.Epochs.Count(e => e.ChainVerified)} with data and reward roots recomputed and matching the ledger");
        foreach (var (name, address) in r.Chain.Contracts)
        {
            text.AppendLine(c, $"             {name,-13} {address}");
        }

        var rw = r.Rewards;
        text.AppendLine(c, $"  rewards    emitted {rw.Emitted} base units; {rw.Claims} of {rw.Owners} owners claimed {rw.ClaimedTotal}; mismatches {rw.Mismatches}");
        var g = r.Gas;
        text.AppendLine(c, $"  gas        register {g.RegisterPerDevice:N0}/device in a batch of 100 ({g.RegisterPerDeviceSiteBatches:N0} in the demo's batches of ~{g.SiteBatchSize}), epoch commit {g.EpochCommit:N0}, claim {g.Claim:N0}, transfer {g.Transfer:N0}");
        foreach (var e in r.Dr?.Events ?? [])
        {
            text.AppendLine(c, $"  dr event   {e.Id} {e.Kind} on {e.Region}: {e.Status}, requested {e.RequestedKw:0.00} kW, delivered {e.DeliveredKw:0.00} kW, performance {e.Performance:0.000}, {e.Devices} devices, {e.LimitViolations} limit violations, {e.RewardedFlexibilityWh:N0} Wh rewarded{(e.Feasible ? "" : $", shortfall {e.ShortfallKw:0.00} kW")}");
        }

        text.Append(Passed(r) ? "  verdict    PASS: nothing lost, every fault caught, every root verified and committed, claims match the oracle" : "  verdict    FAIL: see above");
        return text.ToString();
    }
}
