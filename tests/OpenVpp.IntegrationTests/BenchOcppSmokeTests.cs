using System.Text.Json;

namespace OpenVpp.IntegrationTests;

/// <summary>The OCPP load generator must run end to end; its figures are recorded in bench/README.md, not asserted here.</summary>
public class BenchOcppSmokeTests
{
    [Fact]
    public async Task Bench_ocpp_drives_the_csms_from_a_separate_process_and_reports_every_figure()
    {
        var (code, output, error) = await CliRunner.RunAsync("bench", "ocpp", "--stations", "20", "--messages", "400", "--json");

        Assert.True(code == 0, error);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal(400, root.GetProperty("answered").GetInt64());
        Assert.Equal(0, root.GetProperty("errors").GetInt64());
        Assert.Equal(400, root.GetProperty("samples_derived").GetInt64());
        Assert.True(root.GetProperty("messages_per_s").GetDouble() > 0);
        Assert.True(root.GetProperty("rss_idle_mb").GetDouble() > 0);
        Assert.True(root.GetProperty("peak_rss_mb").GetDouble() > 0);
    }
}
