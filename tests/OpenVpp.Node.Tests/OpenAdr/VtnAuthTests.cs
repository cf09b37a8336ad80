using System.Net;
using OpenVpp.Storage.OpenAdr;

namespace OpenVpp.Node.Tests.OpenAdr;

/// <summary>Client credentials, bearer tokens and scopes, answered with the spec's status codes and problem objects.</summary>
public sealed class VtnAuthTests : IAsyncLifetime
{
    private VtnFixture _vtn = null!;

    public async Task InitializeAsync() => _vtn = await VtnFixture.StartAsync();

    public async Task DisposeAsync() => await _vtn.DisposeAsync();

    [Fact]
    public async Task A_wrong_secret_or_unknown_client_gets_401_and_a_narrowed_scope_is_honoured()
    {
        var (wrong, body) = await _vtn.Client.TokenRawAsync(_vtn.Operator.ClientId, "not-the-secret");
        var (unknown, _) = await _vtn.Client.TokenRawAsync("nobody", "x");
        Assert.Equal(HttpStatusCode.Unauthorized, wrong);
        Assert.Equal("invalid_client", body!["error"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Unauthorized, unknown);

        var (tooMuch, refused) = await _vtn.Client.TokenRawAsync(_vtn.Ven1.ClientId, _vtn.Ven1.ClientSecret, "write_programs");
        Assert.Equal(HttpStatusCode.BadRequest, tooMuch);
        Assert.Equal("invalid_scope", refused!["error"]!.GetValue<string>());

        // A read-only operator token cannot write programs.
        var readOnly = await _vtn.Client.TokenAsync(_vtn.Operator.ClientId, _vtn.Operator.ClientSecret, "read_all");
        var (forbidden, problem) = await _vtn.Client.SendAsync(HttpMethod.Post, "/programs", "/programs", readOnly, VtnProgramEventTests.Program("x"));
        Assert.Equal(HttpStatusCode.Forbidden, forbidden);
        Assert.Contains("write_programs", problem!["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task No_token_or_a_bad_token_is_401_and_a_ven_writing_a_program_is_403()
    {
        var (none, p1) = await _vtn.Client.SendAsync(HttpMethod.Get, "/programs", "/programs", token: null);
        var (bad, _) = await _vtn.Client.SendAsync(HttpMethod.Get, "/programs", "/programs", "forged-token");
        var (ven, p3) = await _vtn.Client.SendAsync(HttpMethod.Post, "/programs", "/programs", _vtn.Ven1Token, VtnProgramEventTests.Program("mine"));
        var (venEvent, _) = await _vtn.Client.SendAsync(HttpMethod.Post, "/events", "/events", _vtn.Ven1Token, VtnProgramEventTests.Event("program-x", 1));

        Assert.Equal(HttpStatusCode.Unauthorized, none);
        Assert.Equal(401, p1!["status"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.Unauthorized, bad);
        Assert.Equal(HttpStatusCode.Forbidden, ven);
        Assert.Contains("write_programs", p3!["detail"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Forbidden, venEvent);
    }

    [Fact]
    public async Task An_expired_token_or_a_revoked_client_is_refused()
    {
        _vtn.Time.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1));
        var (expired, _) = await _vtn.Client.SendAsync(HttpMethod.Get, "/programs", "/programs", _vtn.OperatorToken);
        Assert.Equal(HttpStatusCode.Unauthorized, expired);

        var fresh = await _vtn.Client.TokenAsync(_vtn.Ven1.ClientId, _vtn.Ven1.ClientSecret);
        Assert.True(_vtn.Auth.RevokeClient(_vtn.Ven1.ClientId));
        var (revoked, _) = await _vtn.Client.SendAsync(HttpMethod.Get, "/programs", "/programs", fresh);
        var (again, _) = await _vtn.Client.TokenRawAsync(_vtn.Ven1.ClientId, _vtn.Ven1.ClientSecret);
        Assert.Equal(HttpStatusCode.Unauthorized, revoked);
        Assert.Equal(HttpStatusCode.Unauthorized, again);
        Assert.Contains(_vtn.Auth.ListClients(), c => c.ClientId == _vtn.Ven1.ClientId && c.Revoked && c.Role == OpenAdrRole.Ven);
    }

    [Fact]
    public async Task The_auth_server_names_the_token_url()
    {
        using var response = await _vtn.Node.Client.GetAsync(new Uri($"{VtnClient.Base}/auth/server", UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();
        Assert.EndsWith("/openadr3/3.1.0/auth/token\"}", text, StringComparison.Ordinal);
    }
}
