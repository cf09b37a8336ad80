using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using OpenVpp.Node.OpenAdr.Mqtt;

namespace OpenVpp.Node.OpenAdr;

/// <summary>
/// GET /notifiers and the MQTT topic-name endpoints of OpenADR 3.1. The document asks read_all for /notifiers,
/// which no VEN token has; the VTN answers it for every client instead, since a VEN cannot use the ven topics the
/// document grants it (read_ven_objects) without the broker's address. The ven topic endpoints answer 404 for a ven
/// that is not the caller's.
/// </summary>
internal static class OpenAdrNotifierEndpoints
{
    private static readonly string[] VenTopicKinds = ["events", "programs", "resources"];

    public static void MapOpenAdrNotifierEndpoints(this IEndpointRouteBuilder vtn)
    {
        vtn.MapGet("/notifiers", (HttpContext http, OpenAdrAuth auth) =>
            OpenAdrEndpoints.Run(http, auth, "/notifiers", "get", _ => VtnResult.Ok(Notifiers(http)), anyClient: true));

        Topics(vtn, "/notifiers/mqtt/topics/programs", _ => ("programs", true));
        Topics(vtn, "/notifiers/mqtt/topics/events", _ => ("events", true));
        Topics(vtn, "/notifiers/mqtt/topics/reports", _ => ("reports", true));
        Topics(vtn, "/notifiers/mqtt/topics/subscriptions", _ => ("subscriptions", true));
        Topics(vtn, "/notifiers/mqtt/topics/vens", _ => ("vens", true));
        Topics(vtn, "/notifiers/mqtt/topics/resources", _ => ("resources", true));
        Topics(vtn, "/notifiers/mqtt/topics/programs/{programID}", http => ($"programs/{http.Request.RouteValues["programID"]}", false), OpenAdrCollection.Programs);
        Topics(vtn, "/notifiers/mqtt/topics/programs/{programID}/events", http => ($"programs/{http.Request.RouteValues["programID"]}/events", true), OpenAdrCollection.Programs);
        Topics(vtn, "/notifiers/mqtt/topics/vens/{venID}", http => ($"vens/{http.Request.RouteValues["venID"]}", false), OpenAdrCollection.Vens);
        foreach (var kind in VenTopicKinds)
        {
            Topics(vtn, $"/notifiers/mqtt/topics/vens/{{venID}}/{kind}", http => ($"vens/{http.Request.RouteValues["venID"]}/{kind}", true), OpenAdrCollection.Vens);
        }
    }

    private static JsonObject Notifiers(HttpContext http)
    {
        var answer = new JsonObject { ["WEBHOOK"] = true };
        if (http.RequestServices.GetService<OpenAdrMqttBroker>() is { } broker)
        {
            answer["MQTT"] = new JsonObject
            {
                ["URIS"] = new JsonArray($"mqtt://{http.Request.Host.Host}:{broker.Port}"),
                ["serialization"] = "JSON",
                ["authentication"] = new JsonObject { ["method"] = "OAUTH2_BEARER_TOKEN", ["username"] = "{clientID}" },
            };
        }

        return answer;
    }

    // owner: the collection whose object the path names (its id parameter), which must exist and be visible to the caller.
    private static void Topics(IEndpointRouteBuilder vtn, string template, Func<HttpContext, (string Root, bool WithCreate)> root, OpenAdrCollection? owner = null) =>
        vtn.MapGet(template, (HttpContext http, OpenAdrAuth auth, OpenAdrVtn service) =>
            OpenAdrEndpoints.Run(http, auth, template, "get", principal =>
            {
                if (http.RequestServices.GetService<OpenAdrMqttBroker>() is null)
                {
                    return VtnResult.Fail(404, "This VTN runs without the MQTT notifier (start the node with --openadr-mqtt-port); use webhook subscriptions.");
                }

                if (owner is not null)
                {
                    var found = service.Get(principal, owner, http.Request.RouteValues[owner.IdParameter]?.ToString() ?? "", []);
                    if (found.Problem is not null)
                    {
                        return found;
                    }
                }

                var (topicRoot, withCreate) = root(http);
                return VtnResult.Ok(OpenAdrMqttTopics.Describe(topicRoot, withCreate));
            }));
}
