using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using OpenVpp.Node.OpenAdr;

namespace OpenVpp.Node.Tests.OpenAdr;

/// <summary>
/// The OpenADR 3.1 MQTT notifier, driven the way a client that knows only the spec would: GET /notifiers for the
/// broker, the topic endpoints for names, then Debian's mosquitto_sub logged in with clientID and access token.
/// A VEN hears about events targeted at it, with other targets hidden, and cannot subscribe to anyone else's topics.
/// </summary>
public sealed class VtnMqttNotifierTests : IAsyncLifetime
{
    private VtnFixture _vtn = null!;

    public async Task InitializeAsync() => _vtn = await VtnFixture.StartAsync(configure: o => o.OpenAdrMqttPort = 0);

    public async Task DisposeAsync() => await _vtn.DisposeAsync();

    [Fact]
    public async Task Notifiers_name_the_broker_and_topic_names_follow_the_document_with_vens_kept_to_their_own()
    {
        var ven1 = await _vtn.RegisterVenAsync(_vtn.Ven1Token, "gateway-1", "home-1/battery");
        var ven2 = await _vtn.RegisterVenAsync(_vtn.Ven2Token, "gateway-2", "home-2/battery");
        var program = (await _vtn.Client.OkAsync(HttpMethod.Post, "/programs", "/programs", _vtn.OperatorToken, VtnProgramEventTests.Program("dispatch"), HttpStatusCode.Created))["id"]!.GetValue<string>();

        // The document asks read_all here, but a VEN needs the broker's address to use the ven topics it may read.
        var notifiers = await _vtn.Client.OkAsync(HttpMethod.Get, "/notifiers", "/notifiers", _vtn.Ven1Token);
        Assert.True(notifiers["WEBHOOK"]!.GetValue<bool>());
        Assert.StartsWith("mqtt://127.0.0.1:", notifiers["MQTT"]!["URIS"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("OAUTH2_BEARER_TOKEN", notifiers["MQTT"]!["authentication"]!["method"]!.GetValue<string>());
        Assert.Equal("JSON", notifiers["MQTT"]!["serialization"]!.GetValue<string>());

        var events = await _vtn.Client.OkAsync(HttpMethod.Get, "/notifiers/mqtt/topics/events", "/notifiers/mqtt/topics/events", _vtn.OperatorToken);
        Assert.Equal("events/create", events["topics"]!["CREATE"]!.GetValue<string>());
        Assert.Equal("events/+", events["topics"]!["ALL"]!.GetValue<string>());

        var oneProgram = await _vtn.Client.OkAsync(HttpMethod.Get, $"/notifiers/mqtt/topics/programs/{program}", "/notifiers/mqtt/topics/programs/{programID}", _vtn.OperatorToken);
        Assert.Null(oneProgram["topics"]!["CREATE"]);
        Assert.Equal($"programs/{program}/update", oneProgram["topics"]!["UPDATE"]!.GetValue<string>());
        var (unknownProgram, _) = await _vtn.Client.SendAsync(HttpMethod.Get, "/notifiers/mqtt/topics/programs/nope", "/notifiers/mqtt/topics/programs/{programID}", _vtn.OperatorToken);
        Assert.Equal(HttpStatusCode.NotFound, unknownProgram);

        var own = await _vtn.Client.OkAsync(HttpMethod.Get, $"/notifiers/mqtt/topics/vens/{ven1}/events", "/notifiers/mqtt/topics/vens/{venID}/events", _vtn.Ven1Token);
        Assert.Equal($"vens/{ven1}/events/create", own["topics"]!["CREATE"]!.GetValue<string>());
        var (others, _) = await _vtn.Client.SendAsync(HttpMethod.Get, $"/notifiers/mqtt/topics/vens/{ven2}/events", "/notifiers/mqtt/topics/vens/{venID}/events", _vtn.Ven1Token);
        Assert.Equal(HttpStatusCode.NotFound, others);

        // The document lists no 401 for /notifiers and no 403 for the read_bl topics (business logic's), so these
        // bodies are held to the problem schema alone.
        await AssertProblemAsync("/notifiers", null, HttpStatusCode.Unauthorized);
        await AssertProblemAsync("/notifiers/mqtt/topics/events", _vtn.Ven1Token, HttpStatusCode.Forbidden);
    }

    private async Task AssertProblemAsync(string path, string? token, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(VtnClient.Base + path, UriKind.Relative));
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var answer = await _vtn.Node.Client.SendAsync(request);
        Assert.Equal(expected, answer.StatusCode);
        Assert.Empty(OpenAdrDocument.Instance.Validate("problem", JsonNode.Parse(await answer.Content.ReadAsStringAsync())));
    }

    [Fact]
    public async Task A_ven_hears_of_its_events_on_its_own_topic_and_business_logic_hears_of_all()
    {
        var ven1 = await _vtn.RegisterVenAsync(_vtn.Ven1Token, "gateway-1", "home-1/battery");
        var ven2 = await _vtn.RegisterVenAsync(_vtn.Ven2Token, "gateway-2", "home-2/battery");
        var port = BrokerPort(await _vtn.Client.OkAsync(HttpMethod.Get, "/notifiers", "/notifiers", _vtn.Ven1Token));
        var ven1Topic = (await _vtn.Client.OkAsync(HttpMethod.Get, $"/notifiers/mqtt/topics/vens/{ven1}/events", "/notifiers/mqtt/topics/vens/{venID}/events", _vtn.Ven1Token))["topics"]!["ALL"]!.GetValue<string>();
        var ven2Topic = (await _vtn.Client.OkAsync(HttpMethod.Get, $"/notifiers/mqtt/topics/vens/{ven2}/events", "/notifiers/mqtt/topics/vens/{venID}/events", _vtn.Ven2Token))["topics"]!["ALL"]!.GetValue<string>();

        await using var ven1Sub = await MosquittoSub.StartAsync(port, _vtn.Ven1.ClientId, _vtn.Ven1Token, ven1Topic);
        await using var ven2Sub = await MosquittoSub.StartAsync(port, _vtn.Ven2.ClientId, _vtn.Ven2Token, ven2Topic);
        await using var operatorSub = await MosquittoSub.StartAsync(port, _vtn.Operator.ClientId, _vtn.OperatorToken, "events/create");
        await using var snoop = await MosquittoSub.StartAsync(port, _vtn.Ven2.ClientId, _vtn.Ven2Token, ven1Topic);
        await using var wildcard = await MosquittoSub.StartAsync(port, _vtn.Ven2.ClientId, _vtn.Ven2Token, "vens/+/events/+");
        await using var forged = await MosquittoSub.StartAsync(port, _vtn.Ven1.ClientId, _vtn.Ven2Token, ven1Topic);
        foreach (var ready in new[] { ven1Sub, ven2Sub, operatorSub })
        {
            Assert.True(ready.Transcript.Contains("received SUBACK", StringComparison.Ordinal), ready.Transcript);
        }

        var program = (await _vtn.Client.OkAsync(HttpMethod.Post, "/programs", "/programs", _vtn.OperatorToken, VtnProgramEventTests.Program("dispatch"), HttpStatusCode.Created))["id"]!.GetValue<string>();
        var created = await _vtn.Client.OkAsync(HttpMethod.Post, "/events", "/events", _vtn.OperatorToken, VtnProgramEventTests.Event(program, 2.5, "home-1/battery", "secret-group"), HttpStatusCode.Created);

        var heard = await ven1Sub.NextOnAsync($"vens/{ven1}/events/create");
        Assert.True(heard is not null, ven1Sub.Transcript);
        var notification = JsonNode.Parse(heard)!;
        Assert.Empty(OpenAdrDocument.Instance.Validate("notification", notification));
        Assert.Equal("EVENT", notification["objectType"]!.GetValue<string>());
        Assert.Equal("CREATE", notification["operation"]!.GetValue<string>());
        Assert.Equal(created["id"]!.GetValue<string>(), notification["object"]!["id"]!.GetValue<string>());
        Assert.Equal(["home-1/battery"], notification["object"]!["targets"]!.AsArray().Select(t => t!.GetValue<string>()));

        var operatorHeard = await operatorSub.NextOnAsync("events/create");
        Assert.True(operatorHeard is not null, operatorSub.Transcript);
        Assert.Equal(2, JsonNode.Parse(operatorHeard)!["object"]!["targets"]!.AsArray().Count);

        // The event is not ven 2's, and ven 2 may not listen in on ven 1; a token of another client does not log in.
        Assert.Empty(ven2Sub.Messages);
        Assert.Empty(snoop.Messages);
        Assert.Empty(wildcard.Messages);
        Assert.Empty(forged.Messages);
        Assert.Contains("denied", snoop.Transcript, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("denied", wildcard.Transcript, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("refused", forged.Transcript, StringComparison.OrdinalIgnoreCase);

        // Deleting the event is heard too.
        await _vtn.Client.OkAsync(HttpMethod.Delete, $"/events/{created["id"]}", "/events/{eventID}", _vtn.OperatorToken);
        Assert.NotNull(await ven1Sub.NextOnAsync($"vens/{ven1}/events/delete"));
    }

    private static int BrokerPort(JsonNode notifiers) => new Uri(notifiers["MQTT"]!["URIS"]![0]!.GetValue<string>()).Port;
}
