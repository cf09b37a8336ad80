using System.Net;
using System.Text.Json.Nodes;

namespace OpenVpp.Node.Tests.OpenAdr;

/// <summary>Programs and events as an operator creates them; every answer is checked against the OpenAPI document.</summary>
public sealed class VtnProgramEventTests : IAsyncLifetime
{
    private VtnFixture _vtn = null!;

    public async Task InitializeAsync() => _vtn = await VtnFixture.StartAsync();

    public async Task DisposeAsync() => await _vtn.DisposeAsync();

    internal static JsonNode Program(string name, params string[] targets) => new JsonObject
    {
        ["programName"] = name,
        ["intervalPeriod"] = new JsonObject { ["start"] = "2026-12-06T17:00:00Z", ["duration"] = "PT3H" },
        ["payloadDescriptors"] = new JsonArray(new JsonObject { ["objectType"] = "EVENT_PAYLOAD_DESCRIPTOR", ["payloadType"] = "IMPORT_CAPACITY_LIMIT", ["units"] = "KW" }),
        ["targets"] = targets.Length == 0 ? null : new JsonArray([.. targets.Select(t => JsonValue.Create(t))]),
    };

    internal static JsonNode Event(string programId, double limitKw, params string[] targets) => new JsonObject
    {
        ["programID"] = programId,
        ["eventName"] = "evening-peak",
        ["intervalPeriod"] = new JsonObject { ["start"] = "2026-12-06T17:00:00Z", ["duration"] = "PT1H" },
        ["payloadDescriptors"] = new JsonArray(new JsonObject { ["objectType"] = "EVENT_PAYLOAD_DESCRIPTOR", ["payloadType"] = "IMPORT_CAPACITY_LIMIT", ["units"] = "KW" }),
        ["targets"] = targets.Length == 0 ? null : new JsonArray([.. targets.Select(t => JsonValue.Create(t))]),
        ["intervals"] = new JsonArray(
            [.. Enumerable.Range(0, 3).Select(i => new JsonObject
            {
                ["id"] = i,
                ["payloads"] = new JsonArray(new JsonObject { ["type"] = "IMPORT_CAPACITY_LIMIT", ["values"] = new JsonArray(limitKw) }),
            })]),
    };

    [Fact]
    public async Task An_operator_creates_reads_replaces_and_deletes_a_program_and_its_event()
    {
        var token = _vtn.OperatorToken;
        var program = await _vtn.Client.OkAsync(HttpMethod.Post, "/programs", "/programs", token, Program("peak-relief", "NL-NH"), HttpStatusCode.Created);
        var programId = program["id"]!.GetValue<string>();
        Assert.Equal("PROGRAM", program["objectType"]!.GetValue<string>());
        Assert.Equal("PT3H", program["intervalPeriod"]!["duration"]!.GetValue<string>());

        var ev = await _vtn.Client.OkAsync(HttpMethod.Post, "/events", "/events", token, Event(programId, 450, "NL-NH"), HttpStatusCode.Created);
        var eventId = ev["id"]!.GetValue<string>();
        Assert.Equal(450, ev["intervals"]![2]!["payloads"]![0]!["values"]![0]!.GetValue<double>());

        var read = await _vtn.Client.OkAsync(HttpMethod.Get, $"/events/{eventId}", "/events/{eventID}", token);
        Assert.Equal(ev.ToJsonString(), read.ToJsonString());

        _vtn.Time.Advance(TimeSpan.FromMinutes(1));
        var replaced = await _vtn.Client.OkAsync(HttpMethod.Put, $"/events/{eventId}", "/events/{eventID}", token, Event(programId, 400, "NL-NH"));
        Assert.Equal(ev["createdDateTime"]!.GetValue<string>(), replaced["createdDateTime"]!.GetValue<string>());
        Assert.NotEqual(ev["modificationDateTime"]!.GetValue<string>(), replaced["modificationDateTime"]!.GetValue<string>());
        Assert.Equal(400, replaced["intervals"]![0]!["payloads"]![0]!["values"]![0]!.GetValue<double>());

        var deleted = await _vtn.Client.OkAsync(HttpMethod.Delete, $"/events/{eventId}", "/events/{eventID}", token);
        Assert.Equal(eventId, deleted["id"]!.GetValue<string>());
        var (status, problem) = await _vtn.Client.SendAsync(HttpMethod.Get, $"/events/{eventId}", "/events/{eventID}", token);
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Contains(eventId, problem!["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task Invalid_bodies_unknown_programs_and_duplicate_names_are_refused_with_problems()
    {
        var token = _vtn.OperatorToken;
        var (noName, p1) = await _vtn.Client.SendAsync(HttpMethod.Post, "/programs", "/programs", token, new JsonObject { ["programLongName"] = "x" });
        Assert.Equal(HttpStatusCode.BadRequest, noName);
        Assert.Contains("programName", p1!["detail"]!.GetValue<string>());

        var (badDuration, p2) = await _vtn.Client.SendAsync(HttpMethod.Post, "/programs", "/programs", token,
            new JsonObject { ["programName"] = "p", ["intervalPeriod"] = new JsonObject { ["start"] = "2026-12-06T17:00:00Z", ["duration"] = "three hours" } });
        Assert.Equal(HttpStatusCode.BadRequest, badDuration);
        Assert.Contains("/intervalPeriod/duration", p2!["detail"]!.GetValue<string>());

        var (orphan, p3) = await _vtn.Client.SendAsync(HttpMethod.Post, "/events", "/events", token, Event("program-nope", 1));
        Assert.Equal(HttpStatusCode.BadRequest, orphan);
        Assert.Contains("program-nope", p3!["detail"]!.GetValue<string>());

        await _vtn.Client.OkAsync(HttpMethod.Post, "/programs", "/programs", token, Program("unique"), HttpStatusCode.Created);
        var (duplicate, _) = await _vtn.Client.SendAsync(HttpMethod.Post, "/programs", "/programs", token, Program("unique"));
        Assert.Equal(HttpStatusCode.Conflict, duplicate);

        var (notJson, _) = await _vtn.Client.SendAsync(HttpMethod.Get, "/programs?limit=51", "/programs", token);
        Assert.Equal(HttpStatusCode.BadRequest, notJson);
    }

    [Fact]
    public async Task Searches_page_with_skip_and_limit_and_filter_by_program_and_targets()
    {
        var token = _vtn.OperatorToken;
        var a = (await _vtn.Client.OkAsync(HttpMethod.Post, "/programs", "/programs", token, Program("a", "NL-NH"), HttpStatusCode.Created))["id"]!.GetValue<string>();
        var b = (await _vtn.Client.OkAsync(HttpMethod.Post, "/programs", "/programs", token, Program("b", "NL-NB"), HttpStatusCode.Created))["id"]!.GetValue<string>();
        for (var i = 0; i < 7; i++)
        {
            await _vtn.Client.OkAsync(HttpMethod.Post, "/events", "/events", token, Event(i % 2 == 0 ? a : b, i, i % 2 == 0 ? "NL-NH" : "NL-NB"), HttpStatusCode.Created);
        }

        var page1 = (await _vtn.Client.OkAsync(HttpMethod.Get, "/events?skip=0&limit=3", "/events", token)).AsArray();
        var page3 = (await _vtn.Client.OkAsync(HttpMethod.Get, "/events?skip=6&limit=3", "/events", token)).AsArray();
        var ofA = (await _vtn.Client.OkAsync(HttpMethod.Get, $"/events?programID={a}", "/events", token)).AsArray();
        var targeted = (await _vtn.Client.OkAsync(HttpMethod.Get, "/programs?targets=NL-NB", "/programs", token)).AsArray();

        Assert.Equal(3, page1.Count);
        Assert.Single(page3);
        Assert.Equal(4, ofA.Count);
        Assert.All(ofA, e => Assert.Equal(a, e!["programID"]!.GetValue<string>()));
        Assert.Equal(b, Assert.Single(targeted)!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Programs_and_their_events_survive_a_node_restart_and_so_do_clients_and_tokens()
    {
        var program = await _vtn.Client.OkAsync(HttpMethod.Post, "/programs", "/programs", _vtn.OperatorToken, Program("kept"), HttpStatusCode.Created);

        await _vtn.RestartAsync();

        var read = await _vtn.Client.OkAsync(HttpMethod.Get, $"/programs/{program["id"]}", "/programs/{programID}", _vtn.OperatorToken);
        Assert.Equal(program.ToJsonString(), read.ToJsonString());
        Assert.NotEmpty(await _vtn.Client.TokenAsync(_vtn.Operator.ClientId, _vtn.Operator.ClientSecret));
    }
}
