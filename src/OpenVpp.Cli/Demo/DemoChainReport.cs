namespace OpenVpp.Cli.Demo;

/// <summary>The chain the demo ran on and its contracts (distributor = token: claims live in the token).</summary>
internal sealed record DemoChain(long ChainId, string Rpc, IReadOnlyDictionary<string, string> Contracts);

/// <summary>
/// Emitted is all OVPP the oracle issued (the token's supply); claims are the owners' claim transactions; mismatches
/// counts owners whose balance after claiming differs from the oracle's cumulative amount (must be 0).
/// </summary>
internal sealed record DemoRewards(string Emitted, int Owners, int Claims, string ClaimedTotal, int Mismatches);

/// <summary>
/// Gas measured in the run: registration per device in a batch of 100 (measured on this chain inside a reverted
/// snapshot) and in the demo's own per-site batches; epoch commit (median over epochs after the first that issue
/// rewards: the steady-state commit), first claim (mean), an OVPP transfer.
/// </summary>
internal sealed record DemoGas(long RegisterPerDevice, long RegisterPerDeviceSiteBatches, int SiteBatchSize, long EpochCommit, long Claim, long Transfer);
