using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace OpenVpp.Gateway.OpenAdr;

/// <summary>
/// The VEN's webhook endpoint for its VTN subscription: the VTN POSTs the spec's notification object to
/// <see cref="CallbackUrl"/> with the bearer token the VEN gave in its subscription. A notification about an event
/// only wakes the agent, which then fetches its events as it does when polling, so a forged or lost notification
/// can make it fetch early or late but never act on anything the VTN did not serve it.
/// </summary>
public sealed class VenNotificationListener : IAsyncDisposable
{
    public const string NotifyPath = "/openadr/notifications";
    private readonly WebApplication _app;

    private readonly StrongBox<int> _received;

    private VenNotificationListener(WebApplication app, string token, Uri callbackUrl, StrongBox<int> received)
    {
        _app = app;
        _received = received;
        BearerToken = token;
        CallbackUrl = callbackUrl;
    }

    /// <summary>Where the VTN must POST notifications (the listener's actual address, port resolved).</summary>
    public Uri CallbackUrl { get; }

    /// <summary>The token the VTN must present; new at every start, so a stale subscription cannot reach a new listener.</summary>
    public string BearerToken { get; }

    /// <summary>Notifications accepted so far.</summary>
    public int Received => Volatile.Read(ref _received.Value);

    public static async Task<VenNotificationListener> StartAsync(Uri listenUrl, Action<string, string> onNotification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(listenUrl);
        ArgumentNullException.ThrowIfNull(onNotification);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = typeof(VenNotificationListener).Assembly.GetName().Name, Args = [] });
        builder.WebHost.UseUrls(listenUrl.GetLeftPart(UriPartial.Authority));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        var received = new StrongBox<int>();
        app.MapPost(NotifyPath, async (HttpContext http) =>
        {
            if (!CryptographicOperations.FixedTimeEquals(System.Text.Encoding.UTF8.GetBytes(http.Request.Headers.Authorization.ToString()), System.Text.Encoding.UTF8.GetBytes("Bearer " + token)))
            {
                return Results.Unauthorized();
            }

            JsonNode? body;
            try
            {
                body = await JsonNode.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted).ConfigureAwait(false);
            }
            catch (System.Text.Json.JsonException)
            {
                return Results.BadRequest();
            }

            if (body?["objectType"]?.GetValue<string>() is not { } objectType || body["operation"]?.GetValue<string>() is not { } operation)
            {
                return Results.BadRequest();
            }

            Interlocked.Increment(ref received.Value);
            onNotification(objectType, operation);
            return Results.Ok();
        });
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new VenNotificationListener(app, token, new Uri(address.TrimEnd('/') + NotifyPath), received);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
