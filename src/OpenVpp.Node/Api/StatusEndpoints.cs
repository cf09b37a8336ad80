using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OpenVpp.Node.Ingest;
using OpenVpp.Storage;

namespace OpenVpp.Node.Api;

/// <summary>GET /v1/stats and GET /health.</summary>
internal static class StatusEndpoints
{
    public static IEndpointRouteBuilder MapStatusEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/v1/stats", GetStatsAsync).WithTags("Status").Produces<NodeStats>()
            .WithSummary("Ingest outcomes since start and stored totals");
        routes.MapGet("/health", () => TypedResults.Ok(new HealthStatus("ok"))).WithTags("Status")
            .WithSummary("Liveness");
        return routes;
    }

    private static async Task<IResult> GetStatsAsync(IngestStats stats, IReadingStore store, CancellationToken cancellationToken)
    {
        var counts = await store.CountAsync(cancellationToken);
        return TypedResults.Ok(new NodeStats(
            stats.Since, stats.Accepted, stats.Rejected(), new StoredTotals(counts.Devices, counts.Readings, counts.SealedEpochs)));
    }
}
