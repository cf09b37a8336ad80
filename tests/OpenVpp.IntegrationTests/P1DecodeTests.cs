using System.Text.Json;

namespace OpenVpp.IntegrationTests;

/// <summary>`openvpp p1 decode` on the real meters' telegrams kept with the protocol tests.</summary>
public sealed class P1DecodeTests
{
    private static string Fixture(string name) => RepoRoot.Combine("tests", "OpenVpp.Protocols.Tests", "TestData", "dsmr", name);

    [Fact]
    public async Task Decodes_a_real_telegram_with_units_and_meter_time_in_utc_and_local()
    {
        var (code, output, error) = await CliRunner.RunAsync("p1", "decode", Fixture("kaifa_dsmr42.txt"));

        Assert.Equal(0, code);
        Assert.Equal(string.Empty, error);
        Assert.Contains("CRC 6796 ok", output, StringComparison.Ordinal);
        Assert.Contains("1581.123 kWh", output, StringComparison.Ordinal);
        Assert.Contains("2016-11-13 19:57:57Z (2016-11-13 20:57:57 +01:00 W)", output, StringComparison.Ordinal);
        Assert.Contains("981.443 m3", output, StringComparison.Ordinal);
        Assert.Contains("-2027 W (importing", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_crc_is_reported_the_other_telegrams_are_still_printed_and_the_exit_code_is_1()
    {
        using var dir = new TempFile();
        var iskra = await File.ReadAllTextAsync(Fixture("iskra_dsmr50.txt"));
        await File.WriteAllTextAsync(dir.Path, iskra + "garbage\r\n" + iskra.Replace("!6EEE", "!6EEF", StringComparison.Ordinal) + await File.ReadAllTextAsync(Fixture("sagemcom_t210dr_fluvius.txt")));

        var (code, output, _) = await CliRunner.RunAsync("p1", "decode", dir.Path, "--json");

        Assert.Equal(1, code);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(3, lines.Count);
        Assert.Equal(4426, lines[0].GetProperty("import_t1_wh").GetInt64());
        Assert.Equal("crc_mismatch", lines[1].GetProperty("error").GetString());
        Assert.Contains("CRC", lines[1].GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(6_545_766, lines[2].GetProperty("import_total_wh").GetInt64());
        Assert.Equal(-286, lines[2].GetProperty("power_w").GetInt64());
    }

    [Fact]
    public async Task Human_output_names_the_crc_on_standard_error()
    {
        using var file = new TempFile();
        await File.WriteAllTextAsync(file.Path, (await File.ReadAllTextAsync(Fixture("kaifa_dsmr42.txt"))).Replace("!6796", "!0000", StringComparison.Ordinal));

        var (code, _, error) = await CliRunner.RunAsync("p1", "decode", file.Path);

        Assert.Equal(1, code);
        Assert.Contains("CRC mismatch: expected 0000", error, StringComparison.Ordinal);
    }

    private sealed class TempFile : IDisposable
    {
        public string Path { get; } = System.IO.Path.GetTempFileName();

        public void Dispose() => File.Delete(Path);
    }
}
