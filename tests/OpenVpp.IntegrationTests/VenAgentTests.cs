using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OpenVpp.Cli.Hosting;
using OpenVpp.Core.Devices;
using OpenVpp.Core.Readings;
using OpenVpp.Core.Simulation;
using OpenVpp.Gateway.Adapters.Simulated;
using OpenVpp.Gateway.DemandResponse;
using OpenVpp.Gateway.OpenAdr;
using OpenVpp.Gateway.Producer;
using OpenVpp.Node;
using OpenVpp.Node.OpenAdr;
using OpenVpp.Storage.OpenAdr;

namespace OpenVpp.IntegrationTests;

/// <summary>
/// A gateway as an OpenADR 3.1 VEN against the node's real VTN: it registers its ven and devices, receives an event
/// targeted at one battery, the executor drives the simulated battery to the setpoint, and the VEN reports demand.
/// </summary>
public sealed class VenAgentTests : IAsyncLifetime
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "openvpp-ven-" + Guid.NewGuid().ToString("N")[..8]);
    private WebApplication _node = null!;
    private string _vtn = "";

    public async Task InitializeAsync()
    {
        var url = $"http://127.0.0.1:{FreePort.Next()}";
        _node = NodeApplication.Build(new NodeOptions { DataDir = _data, Url = url }, TimeProvider.System, l => l.ClearProviders());
        await _node.StartAsync();
        _vtn = url + OpenAdrEndpoints.BasePath;
    }

    public async Task DisposeAsync()
    {
        await _node.StopAsync();
        await _node.DisposeAsync();
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public async Task A_gateway_registers_follows_a_dispatch_event_and_reports_demand()
    {
        var auth = _node.Services.GetRequiredService<OpenAdrAuth>();
        var venClient = auth.CreateClient(OpenAdrRole.Ven);
        var op = auth.CreateClient(OpenAdrRole.BusinessLogic);
        var fleet = new SimulatedFleetAdapter(new FleetOptions(5, 40, new DateTimeOffset(2026, 12, 6, 0, 0, 0, TimeSpan.Zero), TimeSpan.FromMinutes(15)));
        var instructions = new DispatchInstructions();
        using var http = new HttpClient();
        var options = new VenOptions { VtnUrl = new Uri(_vtn), ClientId = venClient.ClientId, ClientSecret = venClient.ClientSecret, VenName = "gateway-1" };
        var agent = new VenAgent(new VtnConnection(http, options, TimeProvider.System), options, instructions, [fleet], TimeProvider.System, NullLogger<VenAgent>.Instance, name => $"id-of-{name}");

        var venId = await agent.RegisterAsync(default);
        Assert.Equal(venId, await agent.RegisterAsync(default)); // a restart finds its ven and resources again

        using var operatorHttp = new HttpClient();
        operatorHttp.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(operatorHttp, op));
        var resources = (await Send(operatorHttp, HttpMethod.Get, $"/resources?venID={venId}")).AsArray();
        var controllable = fleet.Devices.Count(d => d.Descriptor.Kind is DeviceKind.Battery or DeviceKind.EvCharger or DeviceKind.SolarInverter);
        Assert.Equal(Math.Min(controllable, 50), resources.Count);

        // The operator grants each resource its own name as target (the node's dispatcher will do this), then targets one battery.
        var batteryDevice = fleet.Devices.First(d => d.Descriptor.Kind == DeviceKind.Battery).Descriptor;
        var battery = batteryDevice.Name;
        var batteryResource = resources.First(r => r!["resourceName"]!.GetValue<string>() == battery)!;
        var attributes = batteryResource["attributes"]!.AsArray().ToDictionary(a => a!["type"]!.GetValue<string>(), a => a!["values"]![0]!.ToString());
        Assert.Equal((batteryDevice.NameplatePowerW / 1_000.0).ToString(System.Globalization.CultureInfo.InvariantCulture), attributes["MAX_POWER_CONSUMPTION"]);
        Assert.Equal(batteryDevice.Region, attributes[VenAgent.RegionAttribute]);
        Assert.Equal(batteryDevice.Site, attributes[VenAgent.SiteAttribute]);
        Assert.Equal($"id-of-{battery}", attributes[VenAgent.DeviceIdAttribute]);
        await GrantOwnTargetAsync(operatorHttp, batteryResource["id"]!.GetValue<string>(), venClient.ClientId, battery, venId);
        var program = await Send(operatorHttp, HttpMethod.Post, "/programs", new JsonObject { ["programName"] = "dispatch" });
        var start = new DateTimeOffset(2026, 12, 6, 17, 0, 0, TimeSpan.Zero);
        var ev = await Send(operatorHttp, HttpMethod.Post, "/events", SetpointEvent(program["id"]!.GetValue<string>(), battery, -2.5, -1.5));

        Assert.Equal(1, await agent.SyncEventsAsync(default));
        var active = instructions.ActiveAt(start.AddMinutes(20));
        Assert.Equal(new DeviceInstruction(ev["id"]!.GetValue<string>(), battery, start.AddMinutes(15), start.AddMinutes(30), SetpointKind.BatteryPowerW, 1_500), active[battery]);

        // The executor carries the instruction out on the simulated battery.
        var executor = new SetpointExecutor(instructions, [fleet], NullLogger<SetpointExecutor>.Instance);
        await executor.ReconcileAsync(start, default);
        Assert.Equal(DeviceControl.BatterySetpoint(2_500), fleet.StateOf(battery).Control);

        // After the interval the VEN reports the battery's measured demand on the event.
        var reading = new Reading(DeviceId.FromPublicKey(new byte[64]), 1, start, start.AddMinutes(15), 0, 625, 2_500, 2_500, 5_000, 10_000, ReadingStatus.None);
        Assert.Equal(1, await agent.ReportAsync(new CommittedInterval(start, start.AddMinutes(15), [new CommittedReading(battery, reading, [])]), default));
        var reports = (await Send(operatorHttp, HttpMethod.Get, $"/reports?eventID={ev["id"]}")).AsArray();
        Assert.Equal(-2.5, Assert.Single(reports)!["resources"]![0]!["intervals"]![0]!["payloads"]![0]!["values"]![0]!.GetValue<double>());

        // The operator cancels: the event disappears and the battery is released.
        await Send(operatorHttp, HttpMethod.Delete, $"/events/{ev["id"]}");
        Assert.Equal(0, await agent.SyncEventsAsync(default));
        Assert.Empty(instructions.ActiveAt(start));
        await executor.ReconcileAsync(start.AddMinutes(1), default);
        Assert.Null(fleet.StateOf(battery).Control);
    }

    [Fact]
    public async Task A_subscribed_gateway_sees_a_new_event_through_its_webhook_long_before_its_next_poll()
    {
        var auth = _node.Services.GetRequiredService<OpenAdrAuth>();
        var venClient = auth.CreateClient(OpenAdrRole.Ven);
        var op = auth.CreateClient(OpenAdrRole.BusinessLogic);
        var fleet = new SimulatedFleetAdapter(new FleetOptions(5, 40, new DateTimeOffset(2026, 12, 6, 0, 0, 0, TimeSpan.Zero), TimeSpan.FromMinutes(15)));
        using var http = new HttpClient();
        var options = new VenOptions
        {
            VtnUrl = new Uri(_vtn), ClientId = venClient.ClientId, ClientSecret = venClient.ClientSecret, VenName = "gateway-hook",
            PollInterval = TimeSpan.FromHours(1), CallbackListenUrl = new Uri("http://127.0.0.1:0"),
        };

        async Task<(VenAgent Agent, DispatchInstructions Instructions)> StartAgentAsync()
        {
            var instructions = new DispatchInstructions();
            var agent = new VenAgent(new VtnConnection(http, options, TimeProvider.System), options, instructions, [fleet], TimeProvider.System, NullLogger<VenAgent>.Instance, name => $"id-of-{name}");
            await agent.StartAsync(default);
            for (var i = 0; i < 200 && agent.SubscriptionId is null; i++)
            {
                await Task.Delay(50);
            }

            Assert.NotNull(agent.SubscriptionId);
            return (agent, instructions);
        }

        // A restart subscribes again with its new listener: the ven's one subscription is replaced, not duplicated.
        var (first, _) = await StartAgentAsync();
        var firstSubscription = first.SubscriptionId;
        await first.StopAsync(default);
        first.Dispose();
        var (agent, instructions) = await StartAgentAsync();
        Assert.Equal(firstSubscription, agent.SubscriptionId);

        using var operatorHttp = new HttpClient();
        operatorHttp.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(operatorHttp, op));
        var subscriptions = (await Send(operatorHttp, HttpMethod.Get, "/subscriptions")).AsArray();
        var subscription = Assert.Single(subscriptions)!;
        Assert.StartsWith("http://127.0.0.1:", subscription["objectOperations"]![0]!["callbackUrl"]!.GetValue<string>(), StringComparison.Ordinal);

        var battery = fleet.Devices.First(d => d.Descriptor.Kind == DeviceKind.Battery).Descriptor.Name;
        var resource = (await Send(operatorHttp, HttpMethod.Get, $"/resources?resourceName={battery}")).AsArray().Single()!;
        await GrantOwnTargetAsync(operatorHttp, resource["id"]!.GetValue<string>(), venClient.ClientId, battery, resource["venID"]!.GetValue<string>());
        var program = await Send(operatorHttp, HttpMethod.Post, "/programs", new JsonObject { ["programName"] = "hooked" });
        var start = new DateTimeOffset(2026, 12, 6, 17, 0, 0, TimeSpan.Zero);
        var ev = await Send(operatorHttp, HttpMethod.Post, "/events", SetpointEvent(program["id"]!.GetValue<string>(), battery, -2.0));

        // The poll is an hour away: only the notification can make the agent fetch the event now.
        for (var i = 0; i < 200 && instructions.ActiveAt(start.AddMinutes(5)).Count == 0; i++)
        {
            await Task.Delay(50);
        }

        Assert.True(agent.NotificationsReceived > 0, "no webhook notification reached the gateway");
        Assert.Equal(ev["id"]!.GetValue<string>(), Assert.Single(instructions.ActiveAt(start.AddMinutes(5))).Value.EventId);
        await agent.StopAsync(default);
        agent.Dispose();
    }

    /// <summary>As business logic (only it grants targets): puts the resource's own name on it.</summary>
    private async Task GrantOwnTargetAsync(HttpClient operatorHttp, string resourceId, string clientId, string resourceName, string venId) =>
        await Send(operatorHttp, HttpMethod.Put, $"/resources/{resourceId}", new JsonObject
        {
            ["objectType"] = "BL_RESOURCE_REQUEST",
            ["clientID"] = clientId,
            ["resourceName"] = resourceName,
            ["venID"] = venId,
            ["targets"] = new JsonArray(resourceName),
        });

    /// <summary>A DISPATCH_SETPOINT event (KW, 15-minute intervals from 17:00 on 2026-12-06) targeted at one resource.</summary>
    private static JsonObject SetpointEvent(string programId, string resourceName, params double[] setpointsKw) => new()
    {
        ["programID"] = programId,
        ["targets"] = new JsonArray(resourceName),
        ["intervalPeriod"] = new JsonObject { ["start"] = "2026-12-06T17:00:00Z", ["duration"] = "PT15M" },
        ["payloadDescriptors"] = new JsonArray(new JsonObject { ["objectType"] = "EVENT_PAYLOAD_DESCRIPTOR", ["payloadType"] = "DISPATCH_SETPOINT", ["units"] = "KW" }),
        ["intervals"] = new JsonArray([.. setpointsKw.Select((kw, i) => (JsonNode)new JsonObject
        {
            ["id"] = i,
            ["payloads"] = new JsonArray(new JsonObject { ["type"] = "DISPATCH_SETPOINT", ["values"] = new JsonArray(kw) }),
        })]),
    };

    private async Task<string> TokenAsync(HttpClient http, OpenAdrCredentials credentials)
    {
        using var response = await http.PostAsync(new Uri(_vtn + "/auth/token"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = credentials.ClientId,
            ["client_secret"] = credentials.ClientSecret,
        }));
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!["access_token"]!.GetValue<string>();
    }

    private async Task<JsonNode> Send(HttpClient http, HttpMethod method, string path, JsonNode? body = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(_vtn + path));
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }

        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Created, $"{method} {path}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }
}
