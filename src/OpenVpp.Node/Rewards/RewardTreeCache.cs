using OpenVpp.Core.Rewards;
using OpenVpp.Storage.Rewards;

namespace OpenVpp.Node.Rewards;

/// <summary>
/// The claim tree of the epoch proofs are served for, built once per epoch rather than per request: parsing the
/// computation and hashing every owner's leaf is the expensive part of GET /v1/rewards/{account}.
/// </summary>
internal sealed class RewardTreeCache
{
    private volatile Entry? _entry;

    public (RewardTree Tree, string RewardRoot) Get(EpochRewardRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (_entry is { } cached && cached.Epoch == record.Epoch && cached.Root.AsSpan().SequenceEqual(record.RewardRoot))
        {
            return (cached.Tree, cached.RootHex);
        }

        var document = RewardsOracle.Parse(record.ComputationJson);
        var entry = new Entry(record.Epoch, record.RewardRoot, RewardTree.Build(EpochRewardsDocuments.CumulativeAfter(document)), document.RewardRoot);
        _entry = entry;
        return (entry.Tree, entry.RootHex);
    }

    private sealed record Entry(long Epoch, byte[] Root, RewardTree Tree, string RootHex);
}
