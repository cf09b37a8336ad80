using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using OpenVpp.Node.OpenAdr;
using OpenVpp.Storage.OpenAdr;

namespace OpenVpp.Node.Tests.OpenAdr;

/// <summary>A node with its VTN, an operator (BL) client and two VEN clients, each with a token.</summary>
internal sealed class VtnFixture : IAsyncDisposable
{
    private VtnFixture(string dataDir, NodeHost node, FakeTimeProvider time)
    {
        DataDir = dataDir;
        Node = node;
        Time = time;
        Client = new VtnClient(node.Client);
    }

    private Action<NodeOptions>? _configure;

    public string DataDir { get; }

    public NodeHost Node { get; private set; }

    public FakeTimeProvider Time { get; }

    public VtnClient Client { get; private set; }

    public OpenAdrAuth Auth => Node.App.Services.GetRequiredService<OpenAdrAuth>();

    public OpenAdrCredentials Operator { get; private set; } = null!;

    public OpenAdrCredentials Ven1 { get; private set; } = null!;

    public OpenAdrCredentials Ven2 { get; private set; } = null!;

    public string OperatorToken { get; private set; } = "";

    public string Ven1Token { get; private set; } = "";

    public string Ven2Token { get; private set; } = "";

    public static async Task<VtnFixture> StartAsync(string? dataDir = null, Action<NodeOptions>? configure = null)
    {
        var dir = dataDir ?? Path.Combine(Path.GetTempPath(), "openvpp-vtn-" + Guid.NewGuid().ToString("N"));
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 6, 12, 0, 0, TimeSpan.Zero));
        var fixture = new VtnFixture(dir, await NodeHost.StartAsync(dir, time, configure), time) { _configure = configure };
        fixture.Operator = fixture.Auth.CreateClient(OpenAdrRole.BusinessLogic);
        fixture.Ven1 = fixture.Auth.CreateClient(OpenAdrRole.Ven);
        fixture.Ven2 = fixture.Auth.CreateClient(OpenAdrRole.Ven);
        fixture.OperatorToken = await fixture.Client.TokenAsync(fixture.Operator.ClientId, fixture.Operator.ClientSecret);
        fixture.Ven1Token = await fixture.Client.TokenAsync(fixture.Ven1.ClientId, fixture.Ven1.ClientSecret);
        fixture.Ven2Token = await fixture.Client.TokenAsync(fixture.Ven2.ClientId, fixture.Ven2.ClientSecret);
        return fixture;
    }

    /// <summary>Stops the node and starts a new one on the same data dir (a restart).</summary>
    public async Task RestartAsync()
    {
        await Node.DisposeAsync();
        Node = await NodeHost.StartAsync(DataDir, Time, _configure);
        Client = new VtnClient(Node.Client);
    }

    /// <summary>
    /// Registers a ven and one resource as the VEN client holding <paramref name="token"/>, then, as business logic
    /// (only it grants targets), puts the resource's own name on it; returns the ven id.
    /// </summary>
    public async Task<string> RegisterVenAsync(string token, string name, string resourceName)
    {
        var ven = await Client.OkAsync(HttpMethod.Post, "/vens", "/vens", token,
            new JsonObject { ["objectType"] = "VEN_VEN_REQUEST", ["venName"] = name }, HttpStatusCode.Created);
        var venId = ven["id"]!.GetValue<string>();
        var resource = await Client.OkAsync(HttpMethod.Post, "/resources", "/resources", token,
            new JsonObject { ["objectType"] = "VEN_RESOURCE_REQUEST", ["resourceName"] = resourceName, ["venID"] = venId }, HttpStatusCode.Created);
        await Client.OkAsync(HttpMethod.Put, $"/resources/{resource["id"]}", "/resources/{resourceID}", OperatorToken, new JsonObject
        {
            ["objectType"] = "BL_RESOURCE_REQUEST",
            ["clientID"] = resource["clientID"]!.GetValue<string>(),
            ["resourceName"] = resourceName,
            ["venID"] = venId,
            ["targets"] = new JsonArray(resourceName),
        });
        return venId;
    }

    public async ValueTask DisposeAsync()
    {
        await Node.DisposeAsync();
        try
        {
            Directory.Delete(DataDir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
