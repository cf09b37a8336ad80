using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using OpenVpp.Core.Readings;
using OpenVpp.Gateway.Adapters.Ocpp;
using OpenVpp.Gateway.Capabilities;
using OpenVpp.Gateway.Tests.Support;
using OpenVpp.Protocols.Tests.Ocpp.Support;
using static OpenVpp.Protocols.Tests.Ocpp.Support.OcppStationPeer;

namespace OpenVpp.Gateway.Tests.Adapters.Ocpp;

/// <summary>The OCPP adapter with a real strict charge point (npm ocpp-rpc) connected to its CSMS.</summary>
public sealed class OcppAdapterTests : IAsyncDisposable
{
    private const string Boot16 = """{"chargePointVendor":"ACME","chargePointModel":"Wallbox 11"}""";
    private readonly ListLoggerProvider _logs = new();
    private readonly ILoggerFactory _loggerFactory;
    private readonly OcppAdapter _adapter;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _run;

    public OcppAdapterTests()
    {
        _loggerFactory = LoggerFactory.Create(b => b.AddProvider(_logs).SetMinimumLevel(LogLevel.Debug));
        _adapter = new OcppAdapter(
            new OcppAdapterOptions
            {
                Port = 0,
                ListenAddress = "127.0.0.1",
                Stations = [new OcppStationOptions("CP-A", "home-1/charger", 11_000, "NL", "home-1")],
                AllowUnknownStations = true,
            },
            _loggerFactory);
        _run = _adapter.RunAsync(_stop.Token);
    }

    private IChargingLimit Limit => (IChargingLimit)_adapter.Devices.Single();

    private async Task<OcppStationPeer> ConnectAsync(string id)
    {
        var port = await _adapter.PortAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(20));
        return await StartAsync(port, id, "ocpp1.6");
    }

    private static string Stamp(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    [Fact]
    public async Task Meter_values_of_a_configured_station_become_an_interval_measurement()
    {
        await using var peer = await ConnectAsync("CP-A");
        await peer.CallAsync("BootNotification", Obj(Boot16));
        var now = DateTimeOffset.UtcNow;
        foreach (var (at, wh) in new[] { (now.AddSeconds(-60), 10_000), (now.AddSeconds(-30), 10_500) })
        {
            await peer.CallAsync("MeterValues", Obj($$"""
                {"connectorId":1,"meterValue":[{"timestamp":"{{Stamp(at)}}","sampledValue":[
                  {"value":"{{wh}}","measurand":"Energy.Active.Import.Register","unit":"Wh"},
                  {"value":"7.4","measurand":"Power.Active.Import","unit":"kW"}]}]}
                """));
        }

        var measurements = await _adapter.MeasureAsync(now.AddMinutes(-5), now.AddMinutes(5), CancellationToken.None);
        var m = Assert.Single(measurements);
        Assert.Equal("home-1/charger", m.DeviceName);
        Assert.Equal(500, m.EnergyImportedWh);
        Assert.Equal(0, m.EnergyExportedWh);
        Assert.Equal(7_400, m.PeakPowerW);
        Assert.True(m.Flags.HasFlag(ReadingStatus.PartialInterval), "the first registers ever seen cannot cover the whole interval");
        Assert.Contains(_adapter.LinkStates, l => l.DeviceName == "home-1/charger" && l.Online);
    }

    [Fact]
    public async Task A_limit_set_while_the_station_is_offline_is_sent_when_it_boots()
    {
        await Limit.ApplyChargingLimitAsync(3_000, CancellationToken.None);
        Assert.Contains(_logs.Lines, l => l.Message.Contains("gets it when it connects", StringComparison.Ordinal));
        await using var peer = await ConnectAsync("CP-A");
        await peer.CallAsync("BootNotification", Obj(Boot16));
        var call = await peer.WaitForAsync(e => (string?)e["event"] == "csmsCall", "the charging profile");
        Assert.Equal("SetChargingProfile", (string?)call["action"]);
        var profile = call["params"]!["csChargingProfiles"]!;
        Assert.Equal("ChargePointMaxProfile", (string?)profile["chargingProfilePurpose"]);
        Assert.Equal(3_000, (double)profile["chargingSchedule"]!["chargingSchedulePeriod"]![0]!["limit"]!);
    }

    [Fact]
    public async Task Removing_the_limit_of_a_connected_station_clears_its_profile()
    {
        await using var peer = await ConnectAsync("CP-A");
        await peer.CallAsync("BootNotification", Obj(Boot16));
        await Limit.ApplyChargingLimitAsync(null, CancellationToken.None);
        var call = await peer.WaitForAsync(e => (string?)e["event"] == "csmsCall", "the clear");
        Assert.Equal("ClearChargingProfile", (string?)call["action"]);
        Assert.Contains(_logs.Lines, l => l.Message.Contains("answered Accepted", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_station_that_reconnects_stays_online_when_its_old_connection_ends()
    {
        await using var first = await ConnectAsync("CP-A");
        await using var second = await ConnectAsync("CP-A");
        await first.WaitForAsync(e => (string?)e["event"] == "close", "the old connection closing");
        await Wait.UntilAsync(() => Task.FromResult(_logs.Lines.Any(l => l.Message.StartsWith("OCPP station CP-A disconnected", StringComparison.Ordinal))));
        Assert.Contains(_adapter.LinkStates, l => l.DeviceName == "home-1/charger" && l.Online);
    }

    [Fact]
    public async Task An_unknown_station_is_answered_but_not_metered_when_unknown_stations_are_allowed()
    {
        await using var peer = await ConnectAsync("STRANGER");
        var boot = await peer.CallAsync("BootNotification", Obj(Boot16));
        Assert.Equal("Accepted", (string?)boot["result"]?["status"]);
        var now = DateTimeOffset.UtcNow;
        await peer.CallAsync("MeterValues", Obj($$"""{"connectorId":1,"meterValue":[{"timestamp":"{{Stamp(now)}}","sampledValue":[{"value":"5"}]}]}"""));
        Assert.Empty(await _adapter.MeasureAsync(now.AddMinutes(-5), now.AddMinutes(5), CancellationToken.None));
        Assert.Contains(_logs.Lines, l => l.Message.Contains("STRANGER connected but is not in the gateway configuration", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Two_connectors_reporting_their_own_registers_give_the_summed_energy_not_a_meter_reset()
    {
        await using var peer = await ConnectAsync("CP-A");
        await peer.CallAsync("BootNotification", Obj(Boot16));
        var now = DateTimeOffset.UtcNow;
        foreach (var (connector, at, wh, kw) in new[]
                 {
                     (1, now.AddSeconds(-80), 10_000, "7.4"), (2, now.AddSeconds(-70), 50_000, "3.7"),
                     (1, now.AddSeconds(-40), 10_300, "7.4"), (2, now.AddSeconds(-30), 50_200, "3.7"),
                 })
        {
            await peer.CallAsync("MeterValues", Obj($$"""
                {"connectorId":{{connector}},"meterValue":[{"timestamp":"{{Stamp(at)}}","sampledValue":[
                  {"value":"{{wh}}","measurand":"Energy.Active.Import.Register","unit":"Wh"},
                  {"value":"{{kw}}","measurand":"Power.Active.Import","unit":"kW"}]}]}
                """));
        }

        var m = Assert.Single(await _adapter.MeasureAsync(now.AddMinutes(-5), now.AddMinutes(5), CancellationToken.None));
        Assert.Equal(500, m.EnergyImportedWh);
        Assert.Equal(11_100, m.PeakPowerW);
    }

    [Fact]
    public async Task The_main_meter_on_connector_0_is_used_alone_when_the_station_reports_it()
    {
        await using var peer = await ConnectAsync("CP-A");
        await peer.CallAsync("BootNotification", Obj(Boot16));
        var now = DateTimeOffset.UtcNow;
        foreach (var (connector, at, wh) in new[] { (0, now.AddSeconds(-80), 60_000), (1, now.AddSeconds(-70), 10_000), (0, now.AddSeconds(-40), 60_400), (1, now.AddSeconds(-30), 10_300) })
        {
            await peer.CallAsync("MeterValues", Obj($$"""
                {"connectorId":{{connector}},"meterValue":[{"timestamp":"{{Stamp(at)}}","sampledValue":[
                  {"value":"{{wh}}","measurand":"Energy.Active.Import.Register","unit":"Wh"}]}]}
                """));
        }

        var m = Assert.Single(await _adapter.MeasureAsync(now.AddMinutes(-5), now.AddMinutes(5), CancellationToken.None));
        Assert.Equal(400, m.EnergyImportedWh);
    }

    [Fact]
    public async Task A_limit_set_while_offline_reaches_a_station_that_reconnects_without_booting()
    {
        await Limit.ApplyChargingLimitAsync(4_000, CancellationToken.None);
        await using var peer = await ConnectAsync("CP-A");
        var call = await peer.WaitForAsync(e => (string?)e["event"] == "csmsCall", "the charging profile without a boot");
        Assert.Equal("SetChargingProfile", (string?)call["action"]);
        Assert.Equal(4_000, (double)call["params"]!["csChargingProfiles"]!["chargingSchedule"]!["chargingSchedulePeriod"]![0]!["limit"]!);
    }

    [Fact]
    public async Task A_limit_the_station_rejects_is_reported_as_not_applied_and_retried_until_accepted()
    {
        _adapter.LimitRetryInitial = TimeSpan.FromMilliseconds(100);
        await using var peer = await ConnectAsync("CP-A");
        await peer.CallAsync("BootNotification", Obj(Boot16));
        var answer = await peer.SendAsync(new JsonObject { ["cmd"] = "answer", ["status"] = "Rejected" });
        await peer.WaitForAsync(e => (string?)e["tag"] == answer, "the answer command");
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => Limit.ApplyChargingLimitAsync(2_000, CancellationToken.None).AsTask());
        Assert.Contains("Rejected", failure.Message, StringComparison.Ordinal);
        await Wait.UntilAsync(() => _logs.Lines.Any(l => l.Message.Contains("set to 2000 W: station answered Accepted", StringComparison.Ordinal)));
        var calls = await Wait2Async(peer);
        Assert.All(calls, c => Assert.Equal("SetChargingProfile", (string?)c["action"]));
    }

    private static async Task<List<JsonObject>> Wait2Async(OcppStationPeer peer)
    {
        var first = await peer.WaitForAsync(e => (string?)e["event"] == "csmsCall", "the first try");
        var second = await peer.WaitForAsync(e => (string?)e["event"] == "csmsCall" && !ReferenceEquals(e, first), "the retry");
        return [first, second];
    }

    [Fact]
    public async Task A_restarted_adapter_sends_limits_through_its_new_csms()
    {
        var adapter = new OcppAdapter(
            new OcppAdapterOptions { Port = 0, ListenAddress = "127.0.0.1", Stations = [new OcppStationOptions("CP-R", "home-2/charger", 11_000, "NL", "home-2")] },
            _loggerFactory);
        using (var firstRun = new CancellationTokenSource())
        {
            var run = adapter.RunAsync(firstRun.Token);
            await adapter.PortAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(20));
            await firstRun.CancelAsync();
            await run;
        }

        using var secondRun = new CancellationTokenSource();
        var again = adapter.RunAsync(secondRun.Token);
        try
        {
            var port = await adapter.PortAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(20));
            await using var peer = await StartAsync(port, "CP-R", "ocpp1.6");
            Assert.Equal("ocpp1.6", peer.Protocol);
            await peer.CallAsync("BootNotification", Obj(Boot16));
            await ((IChargingLimit)adapter.Devices.Single()).ApplyChargingLimitAsync(5_000, CancellationToken.None);
            var call = await peer.WaitForAsync(e => (string?)e["event"] == "csmsCall", "the charging profile after the restart");
            Assert.Equal(5_000, (double)call["params"]!["csChargingProfiles"]!["chargingSchedule"]!["chargingSchedulePeriod"]![0]!["limit"]!);
        }
        finally
        {
            await secondRun.CancelAsync();
            await again;
        }
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
