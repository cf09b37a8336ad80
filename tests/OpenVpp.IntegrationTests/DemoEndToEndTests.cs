using OpenVpp.Cli.Demo;

namespace OpenVpp.IntegrationTests;

/// <summary>
/// Node and gateway as separate processes on loopback, each crashed (SIGKILL) and restarted mid-stream, with forged,
/// replayed and implausible readings injected: nothing the gateway produced may be lost or doubled.
/// </summary>
public sealed class DemoEndToEndTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("openvpp-demo-test-").FullName;

    [Fact]
    public async Task Crashes_and_forged_readings_lose_nothing_and_double_nothing()
    {
        var settings = new DemoSettings(
            Devices: 14, Hours: 5, Faults: true, Seed: 3, Speed: 1440, DataDir: _dir,
            Interval: TimeSpan.FromMinutes(15), EpochLength: TimeSpan.FromHours(1));
        var log = new List<string>();

        var report = await new DemoRunner(settings, log.Add).RunAsync(CancellationToken.None);

        Assert.Equal(0, report.Readings.Lost);
        Assert.Equal(1, report.Faults.Injected["gateway_restart"]);
        Assert.Equal(1, report.Faults.Injected["node_restart"]);
        foreach (var kind in new[] { "bad_signature", "duplicate", "implausible" })
        {
            Assert.True(report.Faults.Injected[kind] > 0, kind);
            Assert.Equal(report.Faults.Injected[kind], report.Faults.DetectedAsExpected.GetValueOrDefault(kind));
        }

        // Nothing doubled: every stored reading is one the gateway produced once (5 h of 15-min intervals, 14 devices).
        Assert.Equal(14 * 5 * 4, report.Readings.Accepted);
        Assert.All(report.Epochs, e => Assert.True(e.Verified, $"epoch {e.Index} root does not recompute"));
        Assert.Equal(report.Readings.Accepted, report.Epochs.Sum(e => e.Readings));
        Assert.Equal(0, report.EnergyWh.BalanceError);
        Assert.True(report.EnergyWh.Consumed > 0);

        // The value layer ran on a real anvil: every epoch committed, both roots recomputed and equal to the ledger's,
        // and every owner with rewards claimed exactly the oracle's cumulative amount.
        Assert.Equal(31337, report.Chain.ChainId);
        Assert.All(new[] { "token", "registry", "epoch_ledger", "distributor" }, name => Assert.StartsWith("0x", report.Chain.Contracts[name], StringComparison.Ordinal));
        Assert.All(report.Epochs, e => Assert.NotNull(e.CommitTx));
        Assert.All(report.Epochs, e => Assert.True(e.ChainVerified, $"epoch {e.Index} roots do not match the ledger"));
        Assert.True(report.Rewards.Claims > 0, "no owner had anything to claim");
        Assert.Equal(0, report.Rewards.Mismatches);
        Assert.Equal(report.Rewards.Emitted, report.Rewards.ClaimedTotal);
        Assert.InRange(report.Gas.RegisterPerDevice, 1, 60_000);
        Assert.InRange(report.Gas.Claim, 1, 60_000);
        Assert.True(report.Gas.EpochCommit > 0 && report.Gas.Transfer > 0);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
