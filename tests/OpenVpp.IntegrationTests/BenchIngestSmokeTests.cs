using System.Text.Json;

namespace OpenVpp.IntegrationTests;

/// <summary>The operators' sizing tool must run end to end; its figures are recorded in bench/README.md, not asserted here.</summary>
public class BenchIngestSmokeTests
{
    [Fact]
    public async Task Bench_ingest_drives_a_node_from_a_separate_process_and_reports_every_figure()
    {
        var (code, output, error) = await CliRunner.RunAsync("bench", "ingest", "--readings", "3000", "--devices", "30", "--json");

        Assert.True(code == 0, error);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal(3000, root.GetProperty("accepted").GetInt64());
        Assert.True(root.GetProperty("raw_verify_per_s").GetDouble() > 0);
        Assert.True(root.GetProperty("ingest_per_s").GetDouble() > 0);
        Assert.True(root.GetProperty("ratio").GetDouble() > 0);
        Assert.True(root.GetProperty("peak_rss_mb").GetDouble() > 0);
    }
}
