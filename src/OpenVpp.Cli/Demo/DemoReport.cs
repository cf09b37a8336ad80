namespace OpenVpp.Cli.Demo;

/// <summary>The document `openvpp demo --json` prints. Field names are part of the CLI's contract with scripts.</summary>
internal sealed record DemoReport(
    int Devices,
    int Seed,
    double Hours,
    DemoReadings Readings,
    DemoFaults Faults,
    IReadOnlyList<DemoEpoch> Epochs,
    DemoEnergy EnergyWh,
    double WallSeconds,
    string DataDir,
    DemoChain Chain,
    DemoRewards Rewards,
    DemoGas Gas);

/// <summary>
/// Sent counts every reading put on the wire: the gateway's valid ones plus injected faults. Lost counts valid
/// readings the gateway produced that the node does not hold byte for byte; it must be 0.
/// </summary>
internal sealed record DemoReadings(long Sent, long Accepted, IReadOnlyDictionary<string, long> Rejected, long Lost);

/// <summary>Injected faults by kind, and how many of each the node answered with the reason code it must give.</summary>
internal sealed record DemoFaults(IReadOnlyDictionary<string, int> Injected, IReadOnlyDictionary<string, int> DetectedAsExpected);

/// <summary>
/// One sealed epoch; Verified says the root recomputed from the exported readings matches the node's; CommitTx is
/// the oracle's commitEpoch transaction (data root and reward root in one); ChainVerified is verify-epoch's full check.
/// </summary>
internal sealed record DemoEpoch(long Index, DateTimeOffset Start, DateTimeOffset End, long Readings, string DataRoot, bool Verified)
{
    public string? CommitTx { get; init; }

    public string? RewardRoot { get; init; }

    /// <summary>The rewards recomputed from the oracle's document and these readings match it, and both roots match the ledger's.</summary>
    public bool ChainVerified { get; init; }
}

/// <summary>
/// Fleet energy from the stored readings. Balance error is |grid net − (consumption + storage net − generation)|
/// relative to grid throughput, where consumption is household load plus EV charging.
/// </summary>
internal sealed record DemoEnergy(long Generated, long Consumed, long Imported, long Exported, long BatteryCharged, long BatteryDischarged, double BalanceError);
