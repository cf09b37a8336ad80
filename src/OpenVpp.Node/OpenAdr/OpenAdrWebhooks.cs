using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenVpp.Storage.OpenAdr;

namespace OpenVpp.Node.OpenAdr;

/// <summary>
/// Subscription webhooks: for every committed change, each subscription whose objectOperations name the object type
/// and operation (and whose programID, if set, is the object's) gets the spec's notification object POSTed to its
/// callbackUrl with its bearerToken. Delivery runs off the request path, retries 4 times with backoff, and never
/// shows a VEN an object its visibility would hide.
/// </summary>
internal sealed partial class OpenAdrWebhooks(
    OpenAdrFeed feed,
    SqliteOpenAdrStore store,
    OpenAdrVisibility visibility,
    IHttpClientFactory clients,
    ILogger<OpenAdrWebhooks> logger) : BackgroundService
{
    private static readonly TimeSpan[] Backoff = [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2)];
    private readonly Channel<(string Url, string? Bearer, JsonObject Notification)> _queue =
        Channel.CreateBounded<(string, string?, JsonObject)>(new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropOldest });

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        feed.Changed += Enqueue;
        return base.StartAsync(cancellationToken);
    }

    public override Task StopAsync(CancellationToken cancellationToken)
    {
        feed.Changed -= Enqueue;
        return base.StopAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var http = clients.CreateClient(nameof(OpenAdrWebhooks));
        await foreach (var (url, bearer, notification) in _queue.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
        {
            _ = DeliverAsync(http, url, bearer, notification, stoppingToken);
        }
    }

    private void Enqueue(OpenAdrChange change)
    {
        var collection = OpenAdrCollection.All.First(c => c.ObjectType == change.ObjectType);
        foreach (var row in store.List(OpenAdrCollection.Subscriptions.ObjectType))
        {
            var subscription = JsonNode.Parse(row.Body)!.AsObject();
            if (subscription["programID"]?.GetValue<string>() is { } programId && change.Body["programID"]?.GetValue<string>() != programId && change.Body["id"]?.GetValue<string>() != programId)
            {
                continue;
            }

            var subscriber = store.FindClient(row.ClientId ?? "");
            var view = subscriber is null ? null : visibility.View(
                new OpenAdrPrincipal(subscriber.ClientId, subscriber.Role, subscriber.Scopes),
                collection,
                new OpenAdrObject(change.Body["id"]!.GetValue<string>(), change.ObjectType, null, null, change.Body["clientID"]?.GetValue<string>(), null, change.Body.ToJsonString()),
                [.. OpenAdrVisibility.Targets(subscription)],
                null);
            if (view is null)
            {
                continue;
            }

            foreach (var operation in subscription["objectOperations"]?.AsArray() ?? [])
            {
                if (Names(operation?["objects"]).Contains(change.ObjectType) && Names(operation?["operations"]).Contains(change.Operation)
                    && operation?["callbackUrl"]?.GetValue<string>() is { } url)
                {
                    var notification = new JsonObject { ["objectType"] = change.ObjectType, ["operation"] = change.Operation, ["object"] = view.DeepClone() };
                    _queue.Writer.TryWrite((url, operation["bearerToken"]?.GetValue<string>(), notification));
                }
            }
        }
    }

    private async Task DeliverAsync(HttpClient http, string url, string? bearer, JsonObject notification, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, url)
                {
                    Content = new StringContent(notification.ToJsonString(OpenAdrJson.Context.Options), System.Text.Encoding.UTF8, "application/json"),
                };
                if (bearer is not null)
                {
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
                }

                using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }

                LogFailed(logger, url, $"HTTP {(int)response.StatusCode}", attempt + 1);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                LogFailed(logger, url, e.Message, attempt + 1);
            }

            if (attempt >= Backoff.Length || cancellationToken.IsCancellationRequested)
            {
                LogGaveUp(logger, url, notification["objectType"]?.ToString() ?? "", notification["operation"]?.ToString() ?? "");
                return;
            }

            await Task.Delay(Backoff[attempt], cancellationToken).ConfigureAwait(false);
        }
    }

    private static HashSet<string> Names(JsonNode? array) =>
        [.. (array as JsonArray ?? []).Select(n => n?.ToString() ?? "")];

    [LoggerMessage(900, LogLevel.Warning, "OpenADR webhook {Url} failed ({Error}), attempt {Attempt}; retrying")]
    private static partial void LogFailed(ILogger logger, string url, string error, int attempt);

    [LoggerMessage(901, LogLevel.Warning, "OpenADR webhook {Url} gave up on a {ObjectType} {Operation} notification after every retry; the subscriber can still read the object from the VTN")]
    private static partial void LogGaveUp(ILogger logger, string url, string objectType, string operation);
}
