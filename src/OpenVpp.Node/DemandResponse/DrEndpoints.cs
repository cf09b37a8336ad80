using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace OpenVpp.Node.DemandResponse;

/// <summary>The node's own view of demand response: every operator event it acts on, its plan and measured outcome.</summary>
internal static class DrEndpoints
{
    public static void MapDemandResponseEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/dr/events").WithTags("Demand response");
        group.MapGet("/", (DemandResponseService service) => TypedResults.Ok(new DrEventPage([.. service.Snapshot().Select(s => DrEventView.Of(s, withDevices: false))])))
            .WithSummary("Operator events the fleet acts on, with requested, delivered and performance once measured.");
        group.MapGet("/{id}", Results<Ok<DrEventView>, ProblemHttpResult> (string id, DemandResponseService service) =>
                service.Snapshot().FirstOrDefault(s => s.EventId == id) is { } state
                    ? TypedResults.Ok(DrEventView.Of(state, withDevices: true))
                    : TypedResults.Problem($"No demand-response event '{id}': the node has not seen it, or it is not a fleet event.", statusCode: StatusCodes.Status404NotFound))
            .WithSummary("One event with its per-device results.");
    }
}
