using OpenVpp.Chain.Crypto;
using OpenVpp.Chain.Deployment;
using OpenVpp.Core.Rewards;

namespace OpenVpp.Node;

/// <summary>
/// The node's link to the value layer. With it, the device registry comes from the chain (the indexer) and, when an
/// oracle key is given, the node commits each sealed epoch's data and reward roots.
/// </summary>
public sealed class ChainOptions
{
    /// <summary>JSON-RPC endpoint of any EVM node (anvil locally).</summary>
    public required Uri Rpc { get; init; }

    public required DeploymentManifest Manifest { get; init; }

    /// <summary>Blocks an event must be buried under before the indexer applies it (reorgs shallower than this never show).</summary>
    public int ConfirmationDepth { get; init; } = 2;

    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Most blocks one eth_getLogs request covers (public endpoints cap ranges).</summary>
    public int MaxLogRange { get; init; } = 2000;

    /// <summary>The ORACLE_ROLE account; null runs the node as an indexer and verifier only.</summary>
    public Secp256k1Key? OracleKey { get; init; }

    public RewardParameters Rewards { get; init; } = new();
}
