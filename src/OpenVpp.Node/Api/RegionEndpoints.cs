using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OpenVpp.Core.Devices;
using OpenVpp.Storage;

namespace OpenVpp.Node.Api;

/// <summary>GET /v1/regions/{region}/totals: per interval start, the region's energies by device kind.</summary>
internal static class RegionEndpoints
{
    public static IEndpointRouteBuilder MapRegionEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/v1/regions/{region}/totals", GetTotalsAsync).WithTags("Regions")
            .Produces<RegionTotals>().ProducesProblem(StatusCodes.Status400BadRequest)
            .WithSummary("Imported/exported Wh and device count per interval start and device kind");
        return routes;
    }

    private static async Task<IResult> GetTotalsAsync(string region, DateTimeOffset? from, DateTimeOffset? to, IReadingStore store, CancellationToken cancellationToken)
    {
        if (!ApiHelpers.TryRange(from, to, out var problem))
        {
            return problem!;
        }

        var rows = await store.GetRegionTotalsAsync(region, from!.Value, to!.Value, cancellationToken);
        var intervals = rows
            .GroupBy(r => r.IntervalStart)
            .Select(g => new IntervalTotal(
                g.Key,
                g.Sum(r => r.EnergyImportedWh),
                g.Sum(r => r.EnergyExportedWh),
                g.Sum(r => r.DeviceCount), // a device has one kind, so per-kind counts add up
                [.. g.Select(r => new KindTotal(r.Kind.ToWire(), r.EnergyImportedWh, r.EnergyExportedWh, r.DeviceCount))]))
            .ToList();
        return TypedResults.Ok(new RegionTotals(region, from.Value, to.Value, intervals));
    }
}
