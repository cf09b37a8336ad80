using System.Globalization;
using System.Numerics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OpenVpp.Core.Accounts;
using OpenVpp.Core.Wire;
using Microsoft.Extensions.DependencyInjection;
using OpenVpp.Node.Api;
using OpenVpp.Node.Chain;
using OpenVpp.Storage.Chain;
using OpenVpp.Storage.Rewards;

namespace OpenVpp.Node.Rewards;

/// <summary>GET /v1/rewards/{account} (claim proof) and /v1/epochs/{i}/rewards (the oracle's published computation).</summary>
internal static class RewardEndpoints
{
    public static IEndpointRouteBuilder MapRewardEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/v1/rewards/{account}", GetClaimAsync).WithTags("Rewards")
            .Produces<RewardClaimView>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("An owner's cumulative reward as of the latest committed epoch, what it already claimed, and the Merkle proof to claim the rest");
        routes.MapGet("/v1/epochs/{index:long}/rewards", GetEpochAsync).WithTags("Rewards")
            .Produces<EpochRewardsDocument>().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("The rewards oracle's computation for an epoch: inputs besides the readings, per-device scores, per-owner amounts, balances and reward root");
        return routes;
    }

    private static async Task<IResult> GetClaimAsync(
        string account, IRewardStore rewards, IChainIndexStore index, RewardTreeCache trees, IServiceProvider services, CancellationToken cancellationToken)
    {
        if (!AccountAddress.TryParse(account.ToLowerInvariant(), out var address))
        {
            return ApiHelpers.BadRequest("Bad account", $"'{account}' is not an account address (0x followed by 40 hex digits).");
        }

        // Proofs must be against the root the token holds now, not against what this store last recorded.
        var chain = services.GetService<ChainContext>();
        EpochRewardRecord? latest;
        BigInteger? claimedOnChain = null;
        if (chain is not null)
        {
            var root = await chain.Token.RewardRootAsync(cancellationToken);
            if (root.All(b => b == 0))
            {
                return ApiHelpers.Conflict("Claims are not open",
                    "The token holds no reward root: nothing has been committed with rewards yet, or an epoch is disputed and claims are paused until the oracle resolves it.");
            }

            latest = await rewards.FindByRewardRootAsync(root, cancellationToken);
            if (latest is null)
            {
                return ApiHelpers.NotFound("Unknown reward root", $"The token's reward root {HexBytes.ToHex(root)} is not one this node computed; ask the oracle's node.");
            }

            claimedOnChain = await chain.Token.ClaimedAsync(new OpenVpp.Chain.Crypto.EthAddress(address.Bytes), cancellationToken);
        }
        else
        {
            latest = await rewards.GetLatestCommittedAsync(cancellationToken);
            if (latest is null)
            {
                return ApiHelpers.NotFound("No rewards yet", "No epoch has been committed with rewards yet.");
            }
        }

        var (tree, rewardRoot) = trees.Get(latest);
        var proof = tree.GetProof(address);
        if (proof is null)
        {
            return ApiHelpers.NotFound("No rewards for this account", $"{address} has earned nothing up to epoch {latest.Epoch}.");
        }

        var claimed = claimedOnChain
            ?? (await index.GetClaimsAsync(address.ToArray(), cancellationToken)).Aggregate(BigInteger.Zero, (sum, c) => sum + c.Amount);
        var claimable = BigInteger.Max(BigInteger.Zero, proof.CumulativeAmount - claimed);
        return TypedResults.Ok(new RewardClaimView(
            address.ToString(),
            latest.Epoch,
            proof.CumulativeAmount.ToString(CultureInfo.InvariantCulture),
            claimed.ToString(CultureInfo.InvariantCulture),
            claimable.ToString(CultureInfo.InvariantCulture),
            [.. proof.Proof.Select(p => HexBytes.ToHex(p))],
            rewardRoot));
    }

    private static async Task<IResult> GetEpochAsync(long index, IRewardStore rewards, CancellationToken cancellationToken)
    {
        var record = await rewards.GetAsync(index, cancellationToken);
        return record is null
            ? ApiHelpers.NotFound("No rewards for this epoch", $"Epoch {index} has not been settled by the rewards oracle (yet).")
            : TypedResults.Text(record.ComputationJson, "application/json");
    }
}
