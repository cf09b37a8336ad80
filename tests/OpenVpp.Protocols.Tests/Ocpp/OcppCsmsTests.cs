using System.Text.Json.Nodes;
using OpenVpp.Protocols.Ocpp;
using OpenVpp.Protocols.Ocpp.Transport;
using OpenVpp.Protocols.Tests.Ocpp.Support;
using static OpenVpp.Protocols.Tests.Ocpp.Support.OcppStationPeer;

namespace OpenVpp.Protocols.Tests.Ocpp;

/// <summary>The CSMS against a real charge point: npm ocpp-rpc's RPCClient in strict mode, both protocol versions.</summary>
public sealed class OcppCsmsTests
{
    private const string Boot16 = """{"chargePointVendor":"ACME","chargePointModel":"Wallbox 11"}""";
    private const string Boot201 = """{"reason":"PowerUp","chargingStation":{"vendorName":"ACME","model":"Wallbox 11"}}""";

    private static string Boot(string protocol) => protocol == "ocpp1.6" ? Boot16 : Boot201;

    private static async Task<OcppStationPeer> BootedAsync(CsmsHarness csms, string id, string protocol)
    {
        var peer = await StartAsync(csms.Port, id, protocol);
        Assert.Equal(protocol, peer.Protocol);
        var answer = await peer.CallAsync("BootNotification", Obj(Boot(protocol)));
        Assert.Equal("Accepted", (string?)answer["result"]?["status"]);
        await csms.WaitForAsync<OcppStationBooted>(b => b.StationId == id, $"{id} booting");
        return peer;
    }

    [Theory]
    [InlineData("ocpp1.6", OcppVersion.Ocpp16)]
    [InlineData("ocpp2.0.1", OcppVersion.Ocpp201)]
    public async Task A_strict_station_of_either_version_boots_and_heartbeats(string protocol, OcppVersion version)
    {
        await using var csms = await CsmsHarness.StartAsync();
        await using var peer = await BootedAsync(csms, "CP-1", protocol);
        var booted = await csms.WaitForAsync<OcppStationBooted>(b => b.StationId == "CP-1", "the boot");
        Assert.Equal(version, booted.Version);
        Assert.Equal("ACME", booted.Vendor);
        var heartbeat = await peer.CallAsync("Heartbeat", []);
        Assert.Equal("result", (string?)heartbeat["event"]);
        Assert.Equal(version, csms.Csms.VersionOf("CP-1"));
    }

    [Fact]
    public async Task The_newest_version_both_offer_is_chosen()
    {
        await using var csms = await CsmsHarness.StartAsync();
        await using var peer = await StartAsync(csms.Port, "CP-2", "ocpp1.6,ocpp2.0.1");
        Assert.Equal("ocpp2.0.1", peer.Protocol);
    }

    [Fact]
    public async Task A_station_offering_no_known_subprotocol_is_refused()
    {
        await using var csms = await CsmsHarness.StartAsync();
        await using var peer = await StartAsync(csms.Port, "CP-3", "ocpp2.1");
        Assert.True(peer.ReadyLine.StartsWith("refused", StringComparison.Ordinal), peer.ReadyLine);
        Assert.Empty(csms.All<OcppStationConnected>());
    }

    [Fact]
    public async Task Meter_values_of_a_1_6_transaction_become_samples()
    {
        await using var csms = await CsmsHarness.StartAsync();
        await using var peer = await BootedAsync(csms, "CP-4", "ocpp1.6");
        var start = await peer.CallAsync("StartTransaction", Obj("""{"connectorId":1,"idTag":"TAG1","meterStart":1000,"timestamp":"2026-11-25T12:00:00Z"}"""));
        var transactionId = (int)start["result"]!["transactionId"]!;
        await peer.CallAsync("MeterValues", Obj($$"""
            {"connectorId":1,"transactionId":{{transactionId}},"meterValue":[{"timestamp":"2026-11-25T12:05:00Z","sampledValue":[
              {"value":"1.6","measurand":"Energy.Active.Import.Register","unit":"kWh","context":"Sample.Periodic"},
              {"value":"7.2","measurand":"Power.Active.Import","unit":"kW"},
              {"value":"41","measurand":"SoC","unit":"Percent","location":"EV"}]}]}
            """));
        var sample = await csms.WaitForAsync<OcppSampleReceived>(s => s.Action == "MeterValues", "a MeterValues sample");
        Assert.Equal(1_600, sample.Sample.ImportedWh);
        Assert.Equal(-7_200, sample.Sample.PowerW);
        Assert.Equal((ushort)4_100, sample.Sample.StateOfChargeBp);
        var begin = await csms.WaitForAsync<OcppSampleReceived>(s => s.Action == "StartTransaction", "the meterStart register");
        Assert.Equal(1_000, begin.Sample.ImportedWh);
        var stop = await peer.CallAsync("StopTransaction", Obj($$"""{"transactionId":{{transactionId}},"meterStop":2100,"timestamp":"2026-11-25T12:10:00Z"}"""));
        Assert.Equal("result", (string?)stop["event"]);
        Assert.Equal(2_100, (await csms.WaitForAsync<OcppSampleReceived>(s => s.Action == "StopTransaction", "meterStop")).Sample.ImportedWh);
    }

    [Fact]
    public async Task Meter_values_of_a_2_0_1_transaction_event_become_samples()
    {
        await using var csms = await CsmsHarness.StartAsync();
        await using var peer = await BootedAsync(csms, "CP-5", "ocpp2.0.1");
        var answer = await peer.CallAsync("TransactionEvent", Obj("""
            {"eventType":"Updated","timestamp":"2026-11-25T12:05:00Z","triggerReason":"MeterValuePeriodic","seqNo":1,
             "transactionInfo":{"transactionId":"tx-1"},
             "meterValue":[{"timestamp":"2026-11-25T12:05:00Z","sampledValue":[
               {"value":5.5,"measurand":"Energy.Active.Import.Register","unitOfMeasure":{"unit":"kWh"}},
               {"value":11,"measurand":"Power.Active.Import","unitOfMeasure":{"unit":"W","multiplier":3}}]}]}
            """));
        Assert.Equal("result", (string?)answer["event"]);
        var sample = await csms.WaitForAsync<OcppSampleReceived>(s => s.Action == "TransactionEvent", "a TransactionEvent sample");
        Assert.Equal(5_500, sample.Sample.ImportedWh);
        Assert.Equal(-11_000, sample.Sample.PowerW);
        await peer.CallAsync("StatusNotification", Obj("""{"timestamp":"2026-11-25T12:05:00Z","connectorStatus":"Faulted","evseId":1,"connectorId":1}"""));
        Assert.True((await csms.WaitForAsync<OcppStatusChanged>(s => s.StationId == "CP-5", "a status")).IsFault);
    }

    [Fact]
    public async Task Samples_name_the_connector_of_1_6_transactions_even_when_stop_names_only_the_transaction()
    {
        await using var csms = await CsmsHarness.StartAsync();
        await using var peer = await BootedAsync(csms, "CP-6", "ocpp1.6");
        var start = await peer.CallAsync("StartTransaction", Obj("""{"connectorId":2,"idTag":"TAG1","meterStart":1000,"timestamp":"2026-11-25T12:00:00Z"}"""));
        var transactionId = (int)start["result"]!["transactionId"]!;
        await peer.CallAsync("MeterValues", Obj("""{"connectorId":2,"meterValue":[{"timestamp":"2026-11-25T12:05:00Z","sampledValue":[{"value":"1500"}]}]}"""));
        await peer.CallAsync("StopTransaction", Obj($$"""{"transactionId":{{transactionId}},"meterStop":2100,"timestamp":"2026-11-25T12:10:00Z"}"""));
        Assert.Equal(2, (await csms.WaitForAsync<OcppSampleReceived>(s => s.Action == "StartTransaction", "meterStart")).ConnectorId);
        Assert.Equal(2, (await csms.WaitForAsync<OcppSampleReceived>(s => s.Action == "MeterValues", "meter values")).ConnectorId);
        Assert.Equal(2, (await csms.WaitForAsync<OcppSampleReceived>(s => s.Action == "StopTransaction", "meterStop")).ConnectorId);
    }

    [Fact]
    public async Task Samples_name_the_evse_of_2_0_1_transaction_events_that_name_only_the_transaction()
    {
        await using var csms = await CsmsHarness.StartAsync();
        await using var peer = await BootedAsync(csms, "CP-7", "ocpp2.0.1");
        await peer.CallAsync("TransactionEvent", Obj("""
            {"eventType":"Started","timestamp":"2026-11-25T12:00:00Z","triggerReason":"CablePluggedIn","seqNo":0,
             "transactionInfo":{"transactionId":"tx-7"},"evse":{"id":2,"connectorId":1}}
            """));
        await peer.CallAsync("TransactionEvent", Obj("""
            {"eventType":"Updated","timestamp":"2026-11-25T12:05:00Z","triggerReason":"MeterValuePeriodic","seqNo":1,
             "transactionInfo":{"transactionId":"tx-7"},
             "meterValue":[{"timestamp":"2026-11-25T12:05:00Z","sampledValue":[{"value":5500,"measurand":"Energy.Active.Import.Register"}]}]}
            """));
        var sample = await csms.WaitForAsync<OcppSampleReceived>(s => s.Action == "TransactionEvent", "a TransactionEvent sample");
        Assert.Equal(2, sample.ConnectorId);
    }

    [Theory]
    [InlineData("ocpp1.6", "SetChargingProfile", "ChargePointMaxProfile")]
    [InlineData("ocpp2.0.1", "SetChargingProfile", "ChargingStationMaxProfile")]
    public async Task A_charging_profile_passes_the_strict_station_validation(string protocol, string action, string purpose)
    {
        await using var csms = await CsmsHarness.StartAsync();
        await using var peer = await BootedAsync(csms, "CP-6", protocol);
        var version = csms.Csms.VersionOf("CP-6")!.Value;
        var payload = OcppChargingProfiles.BuildSetLimit(version, OcppProfilePurpose.StationMax, 1, 0, 3_680, DateTimeOffset.UtcNow);
        var outcome = await csms.Csms.CallAsync("CP-6", action, payload, CancellationToken.None);
        Assert.Equal(OcppCallStatus.Answered, outcome.Status);
        Assert.Equal("Accepted", outcome.ResultStatus);
        var received = await peer.WaitForAsync(e => (string?)e["event"] == "csmsCall", "the profile");
        Assert.Contains(purpose, received["params"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains("3680", received["params"]!.ToJsonString(), StringComparison.Ordinal);

        var clear = await csms.Csms.CallAsync("CP-6", "ClearChargingProfile", OcppChargingProfiles.BuildClear(version, 1), CancellationToken.None);
        Assert.Equal("Accepted", clear.ResultStatus);
    }

    [Theory]
    [InlineData("ocpp1.6", """[2,"bad-1","BootNotification",{"chargePointVendor":"ACME"}]""", "bad-1", "OccurrenceConstraintViolation")]
    [InlineData("ocpp1.6", """[2,"bad-2","Heartbeat",{"extra":1}]""", "bad-2", "PropertyConstraintViolation")]
    [InlineData("ocpp1.6", """[2,"bad-3","StatusNotification",{"connectorId":"one","errorCode":"NoError","status":"Available"}]""", "bad-3", "TypeConstraintViolation")]
    [InlineData("ocpp1.6", """[2,"bad-4","StatusNotification",{"connectorId":1,"errorCode":"NoError","status":"Sleepy"}]""", "bad-4", "FormationViolation")]
    [InlineData("ocpp2.0.1", """[2,"bad-5","StatusNotification",{"timestamp":"2026-11-25T12:00:00Z","connectorStatus":"Sleepy","evseId":1,"connectorId":1}]""", "bad-5", "FormatViolation")]
    [InlineData("ocpp2.0.1", """[2,"bad-6","Heartbeat",{"x":1}]""", "bad-6", "PropertyConstraintViolation")]
    [InlineData("ocpp1.6", """[2,"bad-7","MakeCoffee",{}]""", "bad-7", "NotImplemented")]
    [InlineData("ocpp2.0.1", """[2,"bad-8","MakeCoffee",{}]""", "bad-8", "NotImplemented")]
    [InlineData("ocpp1.6", """{"not":"an array"}""", "-1", "FormationViolation")]
    [InlineData("ocpp1.6", """[2,"bad-9","Heartbeat",""", "-1", "FormationViolation")]
    [InlineData("ocpp2.0.1", """[2,"bad-10","Heartbeat",""", "-1", "RpcFrameworkError")]
    [InlineData("ocpp2.0.1", """[7,"bad-11","Heartbeat",{}]""", "bad-11", "MessageTypeNotSupported")]
    public async Task A_bad_message_gets_the_right_call_error_and_the_connection_stays_up(string protocol, string frame, string id, string code)
    {
        await using var csms = await CsmsHarness.StartAsync();
        await using var peer = await BootedAsync(csms, "CP-7", protocol);
        await peer.SendAsync(new JsonObject { ["cmd"] = "raw", ["text"] = frame });
        var error = await peer.WaitForFrameAsync(f => (int)f[0]! == 4, "a CALLERROR");
        Assert.Equal(id, (string?)error[1]);
        Assert.Equal(code, (string?)error[2]);
        var heartbeat = await peer.CallAsync("Heartbeat", []);
        Assert.Equal("result", (string?)heartbeat["event"]);
    }

    [Fact]
    public async Task An_oversized_message_is_refused_and_the_connection_stays_up()
    {
        await using var csms = await CsmsHarness.StartAsync();
        await using var peer = await BootedAsync(csms, "CP-8", "ocpp1.6");
        await peer.SendAsync(new JsonObject { ["cmd"] = "oversized", ["bytes"] = 200_000 });
        var error = await peer.WaitForFrameAsync(f => (int)f[0]! == 4, "a CALLERROR");
        Assert.Equal("big-1", (string?)error[1]);
        Assert.Equal("FormationViolation", (string?)error[2]);
        Assert.Equal("result", (string?)(await peer.CallAsync("Heartbeat", []))["event"]);
    }

    [Fact]
    public async Task A_station_dropping_mid_message_is_disconnected_and_can_come_back()
    {
        await using var csms = await CsmsHarness.StartAsync();
        await using (var peer = await BootedAsync(csms, "CP-9", "ocpp1.6"))
        {
            await peer.SendAsync(new JsonObject { ["cmd"] = "midmessage" });
            await csms.WaitForAsync<OcppStationDisconnected>(d => d.StationId == "CP-9", "the drop");
        }

        Assert.Null(csms.Csms.VersionOf("CP-9"));
        await using var again = await StartAsync(csms.Port, "CP-9", "ocpp2.0.1");
        Assert.Equal("result", (string?)(await again.CallAsync("BootNotification", Obj(Boot201)))["event"]);
        Assert.Equal(OcppVersion.Ocpp201, csms.Csms.VersionOf("CP-9"));
    }

    [Fact]
    public async Task A_station_that_reconnects_replaces_its_old_connection()
    {
        await using var csms = await CsmsHarness.StartAsync();
        await using var first = await BootedAsync(csms, "CP-10", "ocpp1.6");
        await using var second = await StartAsync(csms.Port, "CP-10", "ocpp1.6");
        await first.WaitForAsync(e => (string?)e["event"] == "close", "the old connection closing");
        Assert.Equal("result", (string?)(await second.CallAsync("Heartbeat", []))["event"]);
        Assert.Equal(["CP-10"], csms.Csms.ConnectedStations);
    }

    [Fact]
    public async Task A_slow_station_times_out_and_the_next_call_still_works()
    {
        await using var csms = await CsmsHarness.StartAsync(new OcppCsmsOptions { CallTimeout = TimeSpan.FromSeconds(1) });
        await using var peer = await BootedAsync(csms, "CP-11", "ocpp1.6");
        await peer.SendAsync(new JsonObject { ["cmd"] = "delay", ["ms"] = 3000 });
        await peer.WaitForAsync(e => (string?)e["event"] == "ok", "the delay set");
        var clear = OcppChargingProfiles.BuildClear(OcppVersion.Ocpp16, 1);
        Assert.Equal(OcppCallStatus.Timeout, (await csms.Csms.CallAsync("CP-11", "ClearChargingProfile", clear, CancellationToken.None)).Status);
        await peer.SendAsync(new JsonObject { ["cmd"] = "delay", ["ms"] = 0 });
        // The late answer to the first call must not be taken for the answer to the second.
        await csms.WaitForAsync<OcppMessageReceived>(m => m.Type == OcppMessageType.CallResult && m.Action is null, "the late answer");
        Assert.Equal(OcppCallStatus.Answered, (await csms.Csms.CallAsync("CP-11", "ClearChargingProfile", clear, CancellationToken.None)).Status);
    }

    [Fact]
    public async Task A_failing_observer_does_not_break_the_connection()
    {
        await using var csms = await CsmsHarness.StartAsync();
        csms.Csms.StationEvent += (_, _) => throw new InvalidOperationException("observer bug");
        await using var peer = await BootedAsync(csms, "CP-12", "ocpp1.6");
        Assert.Equal("result", (string?)(await peer.CallAsync("Heartbeat", []))["event"]);
    }

    [Fact]
    public async Task Calling_a_station_that_is_not_connected_says_so()
    {
        await using var csms = await CsmsHarness.StartAsync();
        var outcome = await csms.Csms.CallAsync("nobody", "ClearChargingProfile", OcppChargingProfiles.BuildClear(OcppVersion.Ocpp16, 1), CancellationToken.None);
        Assert.Equal(OcppCallStatus.NotConnected, outcome.Status);
    }
}
