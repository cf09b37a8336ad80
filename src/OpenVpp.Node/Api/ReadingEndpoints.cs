using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OpenVpp.Core.Wire;
using OpenVpp.Node.Epochs;
using OpenVpp.Node.Ingest;
using OpenVpp.Storage;

namespace OpenVpp.Node.Api;

/// <summary>POST /v1/readings (ingest), a device's readings by time, and per-reading inclusion proofs.</summary>
internal static class ReadingEndpoints
{
    // Base64 of 140 bytes is 188 characters; allow JSON quoting, commas and whitespace.
    private const int BodyBytesPerReading = 256;
    private const int MaxReadingsPerQuery = 10_000;

    public static IEndpointRouteBuilder MapReadingEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/v1/readings", IngestAsync).WithTags("Readings")
            .Accepts<IngestRequest>("application/json")
            .Produces<IngestResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .WithSummary("Ingest signed readings; one result per reading (accepted, or rejected with a reason code)");
        routes.MapGet("/v1/devices/{id}/readings", GetByDeviceAsync).WithTags("Readings")
            .Produces<ReadingList>().ProducesProblem(StatusCodes.Status400BadRequest)
            .WithSummary("A device's readings whose interval starts in [from, to)");
        routes.MapGet("/v1/readings/{id}/{sequence}/proof", GetProofAsync).WithTags("Epochs")
            .Produces<ReadingProof>().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Merkle inclusion proof of a reading in its sealed epoch");
        return routes;
    }

    private static async Task<IResult> IngestAsync(HttpContext context, IngestService ingest, NodeOptions options)
    {
        var maxBytes = ((long)options.MaxBatchSize * BodyBytesPerReading) + 65_536;
        var (request, problem) = await ApiHelpers.ReadBodyAsync(context, WireJsonContext.Default.IngestRequest, maxBytes);
        if (problem is not null)
        {
            return problem;
        }

        if (request!.Readings is null)
        {
            return ApiHelpers.BadRequest("Missing readings", "The body needs a \"readings\" array of base64 signed readings.");
        }

        if (request.Readings.Count > options.MaxBatchSize)
        {
            return TypedResults.Problem(
                $"The batch holds {request.Readings.Count} readings; this node takes at most {options.MaxBatchSize} per request. Split the batch.",
                statusCode: StatusCodes.Status413PayloadTooLarge,
                title: "Batch too large");
        }

        return TypedResults.Ok(await ingest.IngestAsync(request.Readings!));
    }

    private static async Task<IResult> GetByDeviceAsync(
        string id, DateTimeOffset? from, DateTimeOffset? to, int? limit, IReadingStore store, CancellationToken cancellationToken)
    {
        if (!ApiHelpers.TryDeviceId(id, out var deviceId, out var problem) || !ApiHelpers.TryRange(from, to, out problem))
        {
            return problem!;
        }

        var max = limit ?? 1000;
        if (max is < 1 or > MaxReadingsPerQuery)
        {
            return ApiHelpers.BadRequest("Bad limit", $"limit must be between 1 and {MaxReadingsPerQuery}.");
        }

        var readings = await store.GetByDeviceAsync(deviceId, from!.Value, to!.Value, max, cancellationToken);
        return TypedResults.Ok(new ReadingList(deviceId.ToString(), from.Value, to.Value, [.. readings.Select(ApiHelpers.ToView)]));
    }

    private static async Task<IResult> GetProofAsync(string id, string sequence, EpochProofs proofs, CancellationToken cancellationToken)
    {
        if (!ApiHelpers.TryDeviceId(id, out var deviceId, out var problem))
        {
            return problem!;
        }

        if (!ulong.TryParse(sequence, NumberStyles.None, CultureInfo.InvariantCulture, out var seq))
        {
            return ApiHelpers.BadRequest("Bad sequence", $"'{sequence}' is not a sequence number.");
        }

        var result = await proofs.GetAsync(deviceId, seq, cancellationToken);
        if (result.Problem is not null)
        {
            return ApiHelpers.NotFound(result.Location is null ? "Unknown reading" : "Epoch not sealed", result.Problem);
        }

        return TypedResults.Ok(new ReadingProof(
            deviceId.ToString(), seq, result.Epoch!.Index, Hex.Of(result.Location!.Leaf), Hex.Of(result.Epoch.Root),
            [.. result.Proof!.Select(p => Hex.Of(p))]));
    }
}
