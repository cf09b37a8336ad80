using System.Globalization;
using System.Text.Json;
using OpenVpp.Testing.SunSpec;

namespace OpenVpp.IntegrationTests;

/// <summary>`openvpp sunspec scan` against npm modbus-serial's ServerTCP loaded with SunSpec register maps.</summary>
public sealed class SunSpecScanCommandTests
{
    [Fact]
    public async Task Scan_prints_identity_and_every_point_with_units_and_absent_values_as_a_dash()
    {
        await using var peer = await SunSpecPeer.StartAsync(1, 40000, SunSpecTestDevices.SinglePhaseInverter().Build());

        var (code, output, error) = await CliRunner.RunAsync("sunspec", "scan", "--host", "127.0.0.1", "--port", Port(peer));

        Assert.True(code == 0, error);
        Assert.Contains("marker 'SunS' at register 40000, 5 models", output, StringComparison.Ordinal);
        Assert.Contains("manufacturer OpenVPP Test Devices, model SI-5000, options —, version 1.4.2, serial INV-0001", output, StringComparison.Ordinal);
        Assert.Contains("model 101 ", output, StringComparison.Ordinal);
        Assert.Matches(@"\n  W +Watts +4950 W\n", output);
        Assert.Matches(@"\n  A +Amps +21\.50 A\n", output); // the scale factor's resolution is kept
        Assert.Matches(@"\n  PhVphA +Phase Voltage AN +230\.1 V\n", output);
        Assert.Matches(@"\n  AphB +Amps PhaseB +—\n", output);
        Assert.Matches(@"\n  St +Operating State +MPPT \(4\)\n", output);
        Assert.Matches(@"\n  WMaxLimPct +WMaxLimPct +100\.0 % WMax  \(RW\)\n", output);
        Assert.Contains($"model {SunSpecTestDevices.VendorModelId} at", output, StringComparison.Ordinal);
        Assert.Contains("10 registers: no definition here, skipped", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scan_with_json_gives_values_units_and_null_for_absent_points()
    {
        await using var peer = await SunSpecPeer.StartAsync(3, 50000, SunSpecTestDevices.Meter().Build());

        var (code, output, error) = await CliRunner.RunAsync("sunspec", "scan", "--host", "127.0.0.1", "--port", Port(peer), "--unit", "3", "--json");

        Assert.True(code == 0, error);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal(50000, root.GetProperty("base_address").GetInt32());
        Assert.Equal("MTR-0004", root.GetProperty("identity").GetProperty("serial_number").GetString());
        var meter = root.GetProperty("models").EnumerateArray().Single(m => m.GetProperty("id").GetInt32() == 203);
        var points = meter.GetProperty("points").EnumerateArray().ToDictionary(p => p.GetProperty("path").GetString()!);
        Assert.Equal(9_123_450m, points["TotWhImp"].GetProperty("value").GetDecimal());
        Assert.Equal("Wh", points["TotWhImp"].GetProperty("units").GetString());
        Assert.Equal(JsonValueKind.Null, points["TotVAhImp"].GetProperty("value").ValueKind);
        Assert.Equal(JsonValueKind.Null, points["PFphA"].GetProperty("value").ValueKind);
    }

    [Fact]
    public async Task Scan_reports_a_refused_model_and_goes_on()
    {
        var map = SunSpecTestDevices.SinglePhaseInverter();
        await using var peer = await SunSpecPeer.StartAsync(1, 40000, map.Build(), exceptions: [(1, map.AddressOf(120, "WRtg"), 1, 4)]);

        var (code, output, error) = await CliRunner.RunAsync("sunspec", "scan", "--host", "127.0.0.1", "--port", Port(peer));

        Assert.True(code == 0, error);
        Assert.Contains("could not be read: Modbus unit 1 answered ReadHoldingRegisters", output, StringComparison.Ordinal);
        Assert.Contains("ServerDeviceFailure", output, StringComparison.Ordinal);
        Assert.Matches(@"\n  WMaxLimPct +WMaxLimPct +100\.0 % WMax", output);
    }

    [Fact]
    public async Task Scan_fails_with_exit_code_1_when_no_marker_is_found()
    {
        await using var peer = await SunSpecPeer.StartAsync(1, 0, [1, 2, 3, 4]);

        var (code, _, error) = await CliRunner.RunAsync("sunspec", "scan", "--host", "127.0.0.1", "--port", Port(peer));

        Assert.Equal(1, code);
        Assert.Contains("sunspec scan: Unit 1 on 127.0.0.1:", error, StringComparison.Ordinal);
        Assert.Contains("no SunSpec marker 'SunS' at 40000, 0, 50000", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scan_fails_with_exit_code_1_when_nothing_answers()
    {
        var port = FreePort();

        var (code, _, error) = await CliRunner.RunAsync("sunspec", "scan", "--host", "127.0.0.1", "--port", port.ToString(CultureInfo.InvariantCulture), "--timeout", "2s");

        Assert.Equal(1, code);
        Assert.Contains($"Cannot reach the Modbus server at 127.0.0.1:{port}", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scan_explains_itself_with_help()
    {
        var (code, output, _) = await CliRunner.RunAsync("sunspec", "scan", "--help");

        Assert.Equal(0, code);
        Assert.Contains("openvpp sunspec scan --host 192.168.1.20", output, StringComparison.Ordinal);
        Assert.Contains("--unit", output, StringComparison.Ordinal);
    }

    private static string Port(SunSpecPeer peer) => peer.Port.ToString(CultureInfo.InvariantCulture);

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
