using System.Globalization;
using Microsoft.Extensions.Logging;
using OpenVpp.Gateway.Adapters.Ocpp;
using OpenVpp.Gateway.Tests.Support;
using OpenVpp.Protocols.Tests.Ocpp.Support;
using static OpenVpp.Protocols.Tests.Ocpp.Support.OcppStationPeer;

namespace OpenVpp.Gateway.Tests.Adapters.Ocpp;

/// <summary>
/// The OCPP adapter's station list as the gate of its CSMS (Security Profile 1), with the real strict charge point
/// (npm ocpp-rpc): CP-A has a password, CP-B has none, unknown stations are not allowed (the default).
/// </summary>
public sealed class OcppAdapterAuthTests : IAsyncDisposable
{
    private const string Password = "CP-A-secret-0123456789";
    private const string Boot16 = """{"chargePointVendor":"ACME","chargePointModel":"Wallbox 11"}""";
    private readonly ListLoggerProvider _logs = new();
    private readonly ILoggerFactory _loggerFactory;
    private readonly OcppAdapter _adapter;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _run;

    public OcppAdapterAuthTests()
    {
        _loggerFactory = LoggerFactory.Create(b => b.AddProvider(_logs).SetMinimumLevel(LogLevel.Debug));
        _adapter = new OcppAdapter(
            new OcppAdapterOptions
            {
                Port = 0,
                ListenAddress = "127.0.0.1",
                Stations =
                [
                    new OcppStationOptions("CP-A", "home-1/charger", 11_000, "NL", "home-1") { Password = Password },
                    new OcppStationOptions("CP-B", "home-2/charger", 11_000, "NL", "home-2"),
                ],
            },
            _loggerFactory);
        _run = _adapter.RunAsync(_stop.Token);
    }

    private async Task<OcppStationPeer> ConnectAsync(string id, string? password)
    {
        var port = await _adapter.PortAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(20));
        return await StartAsync(port, id, "ocpp1.6", password);
    }

    private static string Stamp(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private int LinesContaining(string text) => _logs.Lines.Count(l => l.Message.Contains(text, StringComparison.Ordinal));

    [Fact]
    public async Task A_station_with_its_password_connects_boots_and_is_metered()
    {
        await using var peer = await ConnectAsync("CP-A", Password);
        Assert.Equal("ocpp1.6", peer.Protocol);
        var boot = await peer.CallAsync("BootNotification", Obj(Boot16));
        Assert.Equal("Accepted", (string?)boot["result"]?["status"]);
        var now = DateTimeOffset.UtcNow;
        foreach (var (at, wh) in new[] { (now.AddSeconds(-60), 10_000), (now.AddSeconds(-30), 10_500) })
        {
            await peer.CallAsync("MeterValues", Obj($$"""
                {"connectorId":1,"meterValue":[{"timestamp":"{{Stamp(at)}}","sampledValue":[
                  {"value":"{{wh}}","measurand":"Energy.Active.Import.Register","unit":"Wh"}]}]}
                """));
        }

        var m = Assert.Single(await _adapter.MeasureAsync(now.AddMinutes(-5), now.AddMinutes(5), CancellationToken.None));
        Assert.Equal("home-1/charger", m.DeviceName);
        Assert.Equal(500, m.EnergyImportedWh);
    }

    [Fact]
    public async Task An_impostor_without_the_password_is_refused_and_the_real_station_keeps_its_connection()
    {
        await using var real = await ConnectAsync("CP-A", Password);
        await real.CallAsync("BootNotification", Obj(Boot16));

        await using var wrong = await ConnectAsync("CP-A", "not-the-password-at-all");
        Assert.StartsWith("refused 401", wrong.ReadyLine, StringComparison.Ordinal);
        await using var missing = await ConnectAsync("CP-A", null);
        Assert.StartsWith("refused 401", missing.ReadyLine, StringComparison.Ordinal);

        var heartbeat = await real.CallAsync("Heartbeat", []);
        Assert.Equal("result", (string?)heartbeat["event"]);
        Assert.Contains(_adapter.LinkStates, l => l.DeviceName == "home-1/charger" && l.Online);
        Assert.Equal(0, LinesContaining("OCPP station CP-A disconnected"));
        // Two refusals from the same address: one log line.
        Assert.Equal(1, LinesContaining("Refused an OCPP connection for CP-A from 127.0.0.1 with 401"));
    }

    [Fact]
    public async Task A_station_without_a_password_in_the_configuration_connects_without_one()
    {
        await using var peer = await ConnectAsync("CP-B", null);
        Assert.Equal("ocpp1.6", peer.Protocol);
    }

    [Fact]
    public async Task An_unconfigured_station_is_refused_before_the_upgrade_and_logged_once()
    {
        await using var first = await ConnectAsync("STRANGER", null);
        Assert.StartsWith("refused 404", first.ReadyLine, StringComparison.Ordinal);
        await using var again = await ConnectAsync("STRANGER", Password);
        Assert.StartsWith("refused 404", again.ReadyLine, StringComparison.Ordinal);
        Assert.Equal(1, LinesContaining("Refused an OCPP connection for STRANGER from 127.0.0.1 with 404"));
        Assert.Equal(0, LinesContaining("STRANGER connected"));
    }

    [Theory]
    [InlineData("fifteen-chars-x")]
    [InlineData("forty-one-characters-is-one-too-many-abcd")]
    public void A_password_outside_16_to_40_characters_is_refused_naming_the_station(string password)
    {
        var options = new OcppAdapterOptions { Stations = [new OcppStationOptions("CP-Z", "z/charger", 11_000, "NL", "z") { Password = password }] };
        var e = Assert.Throws<ArgumentException>(options.Validate);
        Assert.Contains("CP-Z", e.Message, StringComparison.Ordinal);
        Assert.Contains("16 to 40", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(password, options.Stations[0].ToString(), StringComparison.Ordinal);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _run;
        _stop.Dispose();
        _loggerFactory.Dispose();
        _logs.Dispose();
    }
}
