using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenVpp.Storage.OpenAdr;

namespace OpenVpp.Node.OpenAdr.Mqtt;

/// <summary>
/// Publishes every committed VTN change as the spec's notification object (objectType, operation, object) on the
/// MQTT notifier's topics: whole on the business-logic topics, and under each ven that may see it as that ven would
/// see it (targets hidden as on GET). Runs off the writer's thread; a full queue drops the oldest notification, which
/// the subscriber can still read from the VTN.
/// </summary>
internal sealed partial class OpenAdrMqttNotifier(
    OpenAdrFeed feed,
    OpenAdrMqttBroker broker,
    SqliteOpenAdrStore store,
    OpenAdrVisibility visibility,
    ILogger<OpenAdrMqttNotifier> logger) : BackgroundService
{
    private readonly Channel<OpenAdrChange> _queue =
        Channel.CreateBounded<OpenAdrChange>(new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

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

    private void Enqueue(OpenAdrChange change) => _queue.Writer.TryWrite(change);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var change in _queue.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                foreach (var (topic, view) in Notifications(change))
                {
                    var notification = new JsonObject { ["objectType"] = change.ObjectType, ["operation"] = change.Operation, ["object"] = view };
                    await broker.PublishAsync(topic, notification.ToJsonString(OpenAdrJson.Context.Options), stoppingToken).ConfigureAwait(false);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(logger, change.ObjectType, change.Operation, e.Message);
            }
        }
    }

    /// <summary>Every (topic, object as shown there) a change is published as.</summary>
    internal IEnumerable<(string Topic, JsonObject View)> Notifications(OpenAdrChange change)
    {
        foreach (var root in OpenAdrMqttTopics.GlobalRoots(change.ObjectType, change.Body))
        {
            if (OpenAdrMqttTopics.TopicFor(root, change.Operation) is { } topic)
            {
                yield return (topic, (JsonObject)change.Body.DeepClone());
            }
        }

        var collection = OpenAdrCollection.All.First(c => c.ObjectType == change.ObjectType);
        var item = new OpenAdrObject(change.Body["id"]?.GetValue<string>() ?? "", change.ObjectType, null, null, change.Body["clientID"]?.GetValue<string>(), null, change.Body.ToJsonString());
        foreach (var ven in CandidateVens(change))
        {
            if (OpenAdrMqttTopics.VenRoot(ven.Id, change.ObjectType) is not { } root
                || OpenAdrMqttTopics.TopicFor(root, change.Operation) is not { } topic
                || ven.ClientId is null
                || store.FindClient(ven.ClientId) is not { Revoked: false } client)
            {
                continue;
            }

            var principal = new OpenAdrPrincipal(client.ClientId, client.Role, client.Scopes);
            var granted = collection.Targeted ? visibility.GrantedTargets(client.ClientId) : [];
            var view = collection.Targeted && OpenAdrVisibility.Targets(change.Body).Count == 0
                ? (JsonObject)change.Body.DeepClone()
                : visibility.View(principal, collection, item, granted, granted);
            if (view is not null)
            {
                yield return (topic, view);
            }
        }
    }

    private IEnumerable<OpenAdrObject> CandidateVens(OpenAdrChange change) => change.ObjectType switch
    {
        "PROGRAM" or "EVENT" => store.List(OpenAdrCollection.Vens.ObjectType),
        "RESOURCE" when change.Body["venID"]?.GetValue<string>() is { } venId && store.Get(OpenAdrCollection.Vens.ObjectType, venId) is { } ven => [ven],
        "VEN" when change.Body["id"]?.GetValue<string>() is { } id => [new OpenAdrObject(id, "VEN", null, null, change.Body["clientID"]?.GetValue<string>(), null, change.Body.ToJsonString())],
        _ => [],
    };

    [LoggerMessage(923, LogLevel.Warning, "OpenADR MQTT notifier: could not publish a {ObjectType} {Operation} notification ({Error}); subscribers can still read the object from the VTN")]
    private static partial void LogFailed(ILogger logger, string objectType, string operation, string error);
}
