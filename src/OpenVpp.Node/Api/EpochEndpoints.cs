using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using System.Globalization;
using OpenVpp.Storage;
using OpenVpp.Storage.Rewards;

namespace OpenVpp.Node.Api;

/// <summary>GET /v1/epochs…: sealed epochs and the export an auditor recomputes the root from.</summary>
internal static class EpochEndpoints
{
    public static IEndpointRouteBuilder MapEpochEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/epochs").WithTags("Epochs");
        group.MapGet("/", ListAsync).Produces<EpochPage>().ProducesProblem(StatusCodes.Status400BadRequest)
            .WithSummary("Sealed epochs, newest first");
        group.MapGet("/{index:long}", GetAsync).Produces<EpochView>().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("One sealed epoch");
        group.MapGet("/{index:long}/readings", ExportAsync).Produces<EpochExport>().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("The epoch and its signed readings (0x-hex), enough to recompute its Merkle root");
        return routes;
    }

    private static async Task<EpochView> ViewAsync(EpochRecord epoch, IRewardStore rewards, CancellationToken cancellationToken)
    {
        var view = ApiHelpers.ToView(epoch);
        return await rewards.GetAsync(epoch.Index, cancellationToken) is { } r
            ? view with
            {
                RewardRoot = Hex.Of(r.RewardRoot),
                Issued = r.Issued.ToString(CultureInfo.InvariantCulture),
                CommitTx = r.CommitTx is null ? null : Hex.Of(r.CommitTx),
                CommitGas = r.CommitGas,
            }
            : view;
    }

    private static async Task<IResult> ListAsync(int? offset, int? limit, IEpochStore store, IRewardStore rewards, CancellationToken cancellationToken)
    {
        if (!ApiHelpers.TryPage(offset, limit, out var o, out var l, out var problem))
        {
            return problem!;
        }

        var epochs = await store.ListAsync(o, l, cancellationToken);
        var views = new List<EpochView>(epochs.Count);
        foreach (var epoch in epochs)
        {
            views.Add(await ViewAsync(epoch, rewards, cancellationToken));
        }

        return TypedResults.Ok(new EpochPage(views, o, l, epochs.Count == l ? o + l : null));
    }

    private static async Task<IResult> GetAsync(long index, IEpochStore store, IRewardStore rewards, CancellationToken cancellationToken)
    {
        var epoch = await store.GetAsync(index, cancellationToken);
        return epoch is null ? NotSealed(index) : TypedResults.Ok(await ViewAsync(epoch, rewards, cancellationToken));
    }

    private static async Task<IResult> ExportAsync(long index, IEpochStore store, CancellationToken cancellationToken)
    {
        var epoch = await store.GetAsync(index, cancellationToken);
        if (epoch is null)
        {
            return NotSealed(index);
        }

        var readings = await store.GetSignedReadingsAsync(index, cancellationToken);
        return TypedResults.Ok(new EpochExport(ApiHelpers.ToView(epoch), [.. readings.Select(r => Hex.Of(r))]));
    }

    private static IResult NotSealed(long index) =>
        ApiHelpers.NotFound("Epoch not sealed", $"Epoch {index} is not sealed (it has not ended yet, or precedes this node's first epoch).");
}
