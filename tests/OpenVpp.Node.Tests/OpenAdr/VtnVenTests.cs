using System.Net;
using System.Text.Json.Nodes;

namespace OpenVpp.Node.Tests.OpenAdr;

/// <summary>
/// VENs register themselves and their resources, see only their own objects and the events targeted at targets the
/// operator granted them, write reports, and get webhook notifications.
/// </summary>
public sealed class VtnVenTests : IAsyncLifetime
{
    private VtnFixture _vtn = null!;

    public async Task InitializeAsync() => _vtn = await VtnFixture.StartAsync();

    public async Task DisposeAsync() => await _vtn.DisposeAsync();

    [Fact]
    public async Task A_ven_sees_its_own_ven_and_resources_only()
    {
        var ven1 = await _vtn.RegisterVenAsync(_vtn.Ven1Token, "gateway-1", "home-1/battery");
        await _vtn.RegisterVenAsync(_vtn.Ven2Token, "gateway-2", "home-2/battery");

        var seen = (await _vtn.Client.OkAsync(HttpMethod.Get, "/vens", "/vens", _vtn.Ven1Token)).AsArray();
        var resources = (await _vtn.Client.OkAsync(HttpMethod.Get, "/resources", "/resources", _vtn.Ven1Token)).AsArray();
        var all = (await _vtn.Client.OkAsync(HttpMethod.Get, "/vens", "/vens", _vtn.OperatorToken)).AsArray();

        Assert.Equal(ven1, Assert.Single(seen)!["id"]!.GetValue<string>());
        Assert.Equal("home-1/battery", Assert.Single(resources)!["resourceName"]!.GetValue<string>());
        Assert.Equal(2, all.Count);

        var otherId = all.First(v => v!["venName"]!.GetValue<string>() == "gateway-2")!["id"]!.GetValue<string>();
        var (hidden, _) = await _vtn.Client.SendAsync(HttpMethod.Get, $"/vens/{otherId}", "/vens/{venID}", _vtn.Ven1Token);
        var (notTheirs, _) = await _vtn.Client.SendAsync(HttpMethod.Delete, $"/vens/{otherId}", "/vens/{venID}", _vtn.Ven1Token);
        Assert.Equal(HttpStatusCode.NotFound, hidden);
        Assert.Equal(HttpStatusCode.NotFound, notTheirs);
    }

    [Fact]
    public async Task A_ven_cannot_grant_itself_targets_or_register_a_name_twice()
    {
        var (withTargets, problem) = await _vtn.Client.SendAsync(HttpMethod.Post, "/vens", "/vens", _vtn.Ven1Token,
            new JsonObject { ["objectType"] = "BL_VEN_REQUEST", ["clientID"] = _vtn.Ven1.ClientId, ["venName"] = "sneaky", ["targets"] = new JsonArray("NL-NH") });
        Assert.Equal(HttpStatusCode.BadRequest, withTargets);
        Assert.Contains("VEN_VEN_REQUEST", problem!["detail"]!.GetValue<string>());

        await _vtn.RegisterVenAsync(_vtn.Ven1Token, "gateway-1", "home-1/battery");
        var (twice, _) = await _vtn.Client.SendAsync(HttpMethod.Post, "/vens", "/vens", _vtn.Ven2Token, new JsonObject { ["objectType"] = "VEN_VEN_REQUEST", ["venName"] = "gateway-1" });
        Assert.Equal(HttpStatusCode.BadRequest, twice);
    }

    [Fact]
    public async Task Targeted_events_reach_only_the_ven_granted_the_target_and_show_only_that_target()
    {
        await _vtn.RegisterVenAsync(_vtn.Ven1Token, "gateway-1", "home-1/battery");
        await _vtn.RegisterVenAsync(_vtn.Ven2Token, "gateway-2", "home-2/battery");
        var program = (await _vtn.Client.OkAsync(HttpMethod.Post, "/programs", "/programs", _vtn.OperatorToken, VtnProgramEventTests.Program("dispatch"), HttpStatusCode.Created))["id"]!.GetValue<string>();
        await _vtn.Client.OkAsync(HttpMethod.Post, "/events", "/events", _vtn.OperatorToken, VtnProgramEventTests.Event(program, 2.5, "home-1/battery", "secret-group"), HttpStatusCode.Created);
        await _vtn.Client.OkAsync(HttpMethod.Post, "/events", "/events", _vtn.OperatorToken, VtnProgramEventTests.Event(program, 1.5, "home-2/battery"), HttpStatusCode.Created);

        var ven1 = (await _vtn.Client.OkAsync(HttpMethod.Get, "/events?targets=home-1/battery", "/events", _vtn.Ven1Token)).AsArray();
        var ven1Untargeted = (await _vtn.Client.OkAsync(HttpMethod.Get, "/events", "/events", _vtn.Ven1Token)).AsArray();
        var ven1AsksForOthers = (await _vtn.Client.OkAsync(HttpMethod.Get, "/events?targets=home-2/battery", "/events", _vtn.Ven1Token)).AsArray();
        var operatorView = (await _vtn.Client.OkAsync(HttpMethod.Get, "/events", "/events", _vtn.OperatorToken)).AsArray();

        var only = Assert.Single(ven1)!;
        Assert.Equal(2.5, only["intervals"]![0]!["payloads"]![0]!["values"]![0]!.GetValue<double>());
        Assert.Equal(["home-1/battery"], only["targets"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.Empty(ven1Untargeted);
        Assert.Empty(ven1AsksForOthers);
        Assert.Equal(2, operatorView.Count);
    }

    [Fact]
    public async Task A_ven_reports_on_an_event_and_the_operator_reads_it_while_other_vens_cannot()
    {
        await _vtn.RegisterVenAsync(_vtn.Ven1Token, "gateway-1", "home-1/battery");
        var program = (await _vtn.Client.OkAsync(HttpMethod.Post, "/programs", "/programs", _vtn.OperatorToken, VtnProgramEventTests.Program("p"), HttpStatusCode.Created))["id"]!.GetValue<string>();
        var ev = (await _vtn.Client.OkAsync(HttpMethod.Post, "/events", "/events", _vtn.OperatorToken, VtnProgramEventTests.Event(program, 2), HttpStatusCode.Created))["id"]!.GetValue<string>();
        var report = new JsonObject
        {
            ["eventID"] = ev,
            ["clientName"] = "gateway-1",
            ["payloadDescriptors"] = new JsonArray(new JsonObject { ["objectType"] = "REPORT_PAYLOAD_DESCRIPTOR", ["payloadType"] = "USAGE", ["readingType"] = "DIRECT_READ", ["units"] = "KWH" }),
            ["resources"] = new JsonArray(new JsonObject
            {
                ["resourceName"] = "home-1/battery",
                ["intervals"] = new JsonArray(new JsonObject { ["id"] = 0, ["payloads"] = new JsonArray(new JsonObject { ["type"] = "USAGE", ["values"] = new JsonArray(-0.6) }) }),
            }),
        };

        var (operatorWrites, _) = await _vtn.Client.SendAsync(HttpMethod.Post, "/reports", "/reports", _vtn.OperatorToken, report);
        var stored = await _vtn.Client.OkAsync(HttpMethod.Post, "/reports", "/reports", _vtn.Ven1Token, report, HttpStatusCode.Created);
        var operatorReads = (await _vtn.Client.OkAsync(HttpMethod.Get, $"/reports?eventID={ev}", "/reports", _vtn.OperatorToken)).AsArray();
        var otherVen = (await _vtn.Client.OkAsync(HttpMethod.Get, "/reports", "/reports", _vtn.Ven2Token)).AsArray();

        Assert.Equal(HttpStatusCode.Forbidden, operatorWrites);
        Assert.Equal(_vtn.Ven1.ClientId, stored["clientID"]!.GetValue<string>());
        Assert.Single(operatorReads);
        Assert.Empty(otherVen);
    }

    [Fact]
    public async Task A_subscription_gets_a_notification_at_its_webhook_with_its_bearer_token()
    {
        using var hook = new WebhookListener();
        await _vtn.RegisterVenAsync(_vtn.Ven1Token, "gateway-1", "home-1/battery");
        var program = (await _vtn.Client.OkAsync(HttpMethod.Post, "/programs", "/programs", _vtn.OperatorToken, VtnProgramEventTests.Program("notify"), HttpStatusCode.Created))["id"]!.GetValue<string>();
        await _vtn.Client.OkAsync(HttpMethod.Post, "/subscriptions", "/subscriptions", _vtn.Ven1Token, new JsonObject
        {
            ["clientName"] = "gateway-1",
            ["programID"] = program,
            ["objectOperations"] = new JsonArray(new JsonObject
            {
                ["objects"] = new JsonArray("EVENT"),
                ["operations"] = new JsonArray("CREATE", "UPDATE"),
                ["callbackUrl"] = hook.Url,
                ["bearerToken"] = "hook-secret",
            }),
            ["targets"] = new JsonArray("home-1/battery"),
        }, HttpStatusCode.Created);

        await _vtn.Client.OkAsync(HttpMethod.Post, "/events", "/events", _vtn.OperatorToken, VtnProgramEventTests.Event(program, 3, "home-2/battery"), HttpStatusCode.Created);
        var mine = await _vtn.Client.OkAsync(HttpMethod.Post, "/events", "/events", _vtn.OperatorToken, VtnProgramEventTests.Event(program, 3, "home-1/battery"), HttpStatusCode.Created);

        var (authorization, body) = await hook.NextAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("Bearer hook-secret", authorization);
        Assert.Equal("CREATE", body["operation"]!.GetValue<string>());
        Assert.Equal(mine["id"]!.GetValue<string>(), body["object"]!["id"]!.GetValue<string>());
        Assert.Empty(OpenVpp.Node.OpenAdr.OpenAdrDocument.Instance.Validate("notification", body));
        Assert.False(hook.HasMore, "the event for another VEN's resource must not be notified");
    }
}
