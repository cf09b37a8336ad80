using System.Net;
using System.Net.WebSockets;
using OpenVpp.Protocols.Ocpp.Transport;
using OpenVpp.Protocols.Tests.Ocpp.Support;
using static OpenVpp.Protocols.Tests.Ocpp.Support.OcppStationPeer;

namespace OpenVpp.Protocols.Tests.Ocpp;

/// <summary>OCPP Security Profile 1 (HTTP Basic during the WebSocket upgrade) against the real strict ocpp-rpc station.</summary>
public sealed class OcppCsmsAuthTests
{
    private const string Password = "s3cret-for-CP-1-only";
    private const string Boot16 = """{"chargePointVendor":"ACME","chargePointModel":"Wallbox 11"}""";
    private const string Boot201 = """{"reason":"PowerUp","chargingStation":{"vendorName":"ACME","model":"Wallbox 11"}}""";

    // CP-1 needs Password, CP-OPEN needs none, any other id is unknown.
    private static OcppCsmsOptions Options() => new()
    {
        StationAccess = id => id switch
        {
            "CP-1" => OcppStationAccess.WithPassword(Password),
            "CP-OPEN" => OcppStationAccess.Open,
            _ => OcppStationAccess.Unknown,
        },
    };

    private static bool Refused(OcppStationPeer peer) => peer.ReadyLine.StartsWith("refused", StringComparison.Ordinal);

    [Theory]
    [InlineData("ocpp1.6")]
    [InlineData("ocpp2.0.1")]
    public async Task A_station_with_the_right_password_connects_and_boots(string protocol)
    {
        await using var csms = await CsmsHarness.StartAsync(Options());
        await using var peer = await StartAsync(csms.Port, "CP-1", protocol, Password);
        Assert.Equal(protocol, peer.Protocol);
        var answer = await peer.CallAsync("BootNotification", Obj(protocol == "ocpp1.6" ? Boot16 : Boot201));
        Assert.Equal("Accepted", (string?)answer["result"]?["status"]);
        await csms.WaitForAsync<OcppStationBooted>(b => b.StationId == "CP-1", "the boot");
    }

    [Theory]
    [InlineData("wrong-password-of-16+")]
    [InlineData(null)]
    public async Task A_wrong_or_missing_password_is_refused_and_the_connected_station_keeps_its_connection(string? password)
    {
        await using var csms = await CsmsHarness.StartAsync(Options());
        await using var real = await StartAsync(csms.Port, "CP-1", "ocpp1.6", Password);
        Assert.Equal("ocpp1.6", real.Protocol);
        await csms.WaitForAsync<OcppStationConnected>(c => c.StationId == "CP-1", "the real station connecting");

        await using var impostor = await StartAsync(csms.Port, "CP-1", "ocpp1.6", password);
        Assert.True(Refused(impostor), impostor.ReadyLine);
        Assert.Contains("401", impostor.ReadyLine, StringComparison.Ordinal);

        // The real station is still the one connected: its next CALL is answered on the same connection.
        var heartbeat = await real.CallAsync("Heartbeat", []);
        Assert.Equal("result", (string?)heartbeat["event"]);
        Assert.Single(csms.All<OcppStationConnected>());
        Assert.Empty(csms.All<OcppStationDisconnected>());
        Assert.Equal(["CP-1"], csms.Csms.ConnectedStations);
    }

    [Fact]
    public async Task An_unknown_station_is_refused_with_404_and_an_open_one_connects_without_password()
    {
        await using var csms = await CsmsHarness.StartAsync(Options());
        await using var stranger = await StartAsync(csms.Port, "STRANGER", "ocpp1.6", Password);
        Assert.True(Refused(stranger), stranger.ReadyLine);
        Assert.Contains("404", stranger.ReadyLine, StringComparison.Ordinal);
        await using var open = await StartAsync(csms.Port, "CP-OPEN", "ocpp2.0.1");
        Assert.Equal("ocpp2.0.1", open.Protocol);
        Assert.DoesNotContain(csms.All<OcppStationConnected>(), c => c.StationId == "STRANGER");
    }

    [Fact]
    public async Task A_refusal_for_credentials_is_401_with_a_basic_challenge()
    {
        await using var csms = await CsmsHarness.StartAsync(Options());
        using var ws = new ClientWebSocket();
        ws.Options.AddSubProtocol("ocpp1.6");
        ws.Options.CollectHttpResponseDetails = true;
        await Assert.ThrowsAsync<WebSocketException>(() => ws.ConnectAsync(new Uri($"ws://127.0.0.1:{csms.Port}/ocpp/CP-1"), CancellationToken.None));
        Assert.Equal(HttpStatusCode.Unauthorized, ws.HttpStatusCode);
        Assert.NotNull(ws.HttpResponseHeaders);
        Assert.StartsWith("Basic", string.Join(",", ws.HttpResponseHeaders!["WWW-Authenticate"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_station_access_every_station_connects_as_before()
    {
        await using var csms = await CsmsHarness.StartAsync();
        await using var peer = await StartAsync(csms.Port, "ANYONE", "ocpp1.6", "a-password-nobody-checks");
        Assert.Equal("ocpp1.6", peer.Protocol);
    }

    [Theory]
    [InlineData("CP-1", "Basic Q1AtMTpzM2NyZXQtZm9yLUNQLTEtb25seQ==", true)] // CP-1:s3cret-for-CP-1-only
    [InlineData("CP-1", "basic Q1AtMTpzM2NyZXQtZm9yLUNQLTEtb25seQ==", true)] // the scheme is case-insensitive
    [InlineData("CP-2", "Basic Q1AtMTpzM2NyZXQtZm9yLUNQLTEtb25seQ==", false)] // right password, other user
    [InlineData("CP-1", "Basic Q1AtMTpzM2NyZXQtZm9yLUNQLTEtb25seA==", false)] // last character differs
    [InlineData("CP-1", "Bearer abc", false)]
    [InlineData("CP-1", "Basic !!!", false)]
    [InlineData("CP-1", "", false)]
    public void Credentials_are_checked_as_identity_colon_password(string station, string header, bool ok)
    {
        Assert.Equal(ok, OcppBasicAuth.Check(header, station, Password) is null);
    }

    [Fact]
    public void A_hex_authorization_key_is_accepted_as_text_or_as_its_octets()
    {
        const string key = "0001020304050607FFFFFFFFFFFFFFFFFFFFFFFF";
        // The 1.6 security whitepaper's example: AL1000 with this key.
        Assert.Null(OcppBasicAuth.Check("Basic QUwxMDAwOgABAgMEBQYH////////////////", "AL1000", key));
        Assert.Null(OcppBasicAuth.Check("Basic " + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("AL1000:" + key)), "AL1000", key));
        Assert.NotNull(OcppBasicAuth.Check("Basic QUwxMDAwOgABAgMEBQYH////////////////", "AL1000", "0001020304050607FFFFFFFFFFFFFFFFFFFFFFFE"));
    }

    [Fact]
    public void An_identity_containing_a_colon_is_compared_whole()
    {
        var header = "Basic " + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("A:B:" + Password));
        Assert.Null(OcppBasicAuth.Check(header, "A:B", Password));
        Assert.NotNull(OcppBasicAuth.Check(header, "A", "B:" + Password + "x"));
    }
}
