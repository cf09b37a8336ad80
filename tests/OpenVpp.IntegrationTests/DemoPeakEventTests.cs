using OpenVpp.Cli.Demo;

namespace OpenVpp.IntegrationTests;

/// <summary>
/// `demo --scenario peak-event` end to end: node, gateway (as the node's VEN) and anvil as separate processes; an
/// operator that speaks only OpenADR 3.1 publishes evening events; the node dispatches the fleet's batteries and
/// measures delivery from signed readings.
/// </summary>
public sealed class DemoPeakEventTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("openvpp-peak-test-").FullName;

    [Fact]
    public async Task Feasible_evening_events_are_delivered_within_ten_percent_without_limit_violations()
    {
        var settings = new DemoSettings(
            Devices: 50, Hours: 20, Faults: false, Seed: 1, Speed: 1440, DataDir: _dir,
            Interval: TimeSpan.FromMinutes(15), EpochLength: TimeSpan.FromHours(1), Scenario: DemoPeakEvent.Name);
        var log = new List<string>();

        var report = await new DemoRunner(settings, log.Add).RunAsync(CancellationToken.None);

        var dr = Assert.IsType<DemoDemandResponse>(report.Dr);
        Assert.NotEmpty(dr.Events);
        var logs = Path.Combine(_dir, "logs");
        Assert.All(dr.Events, e =>
        {
            Assert.True(e.Status == "Measured", $"{e} ({Tail(Path.Combine(logs, "node.log"))})");
            Assert.True(e.Feasible, $"{e.Id} was sized to be feasible but fell {e.ShortfallKw} kW short");
            Assert.True(e.RequestedKw > 0 && e.Devices > 0, $"{e.Id} asked nothing or dispatched nobody");
            Assert.True(e.Performance is >= 0.9 and <= 1.1, $"{e}\n{Tail(Path.Combine(logs, "gateway.log"))}");
            Assert.True(e.RewardedFlexibilityWh > 0, $"{e} earned no flexibility reward");
            Assert.Equal(0, e.LimitViolations);
            Assert.Equal(0, e.MissingReadings);
        });
        Assert.True(DemoSummary.Passed(report), string.Join('\n', log));
    }

    private static string Tail(string path) =>
        File.Exists(path) ? string.Join('\n', File.ReadLines(path).Where(l => l.Contains("OpenADR", StringComparison.Ordinal) || l.Contains("Demand response", StringComparison.Ordinal) || l.Contains("fail", StringComparison.OrdinalIgnoreCase)).TakeLast(40)) : $"no {path}";

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
