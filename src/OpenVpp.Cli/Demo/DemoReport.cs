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
    DemoGas Gas)
{
    /// <summary>The peak-event scenario's demand-response outcome; absent in other scenarios.</summary>
    public DemoDemandResponse? Dr { get; init; }
}

/// <summary>Demand response in the demo: each operator event and how the fleet delivered it.</summary>
internal sealed record DemoDemandResponse(IReadOnlyList<DemoDrEvent> Events);

/// <summary>
/// One operator event as measured by the node from stored readings. Requested and delivered are mean kW over the
/// event; performance is delivered / requested; limit violations count device intervals past a device's rating, cap
/// or the owner's battery reserve; grid-limit intervals count where a region's metered import still exceeded an
/// import limit.
/// </summary>
internal sealed record DemoDrEvent(
    string Id,
    string Kind,
    string Region,
    string Status,
    double RequestedKw,
    double DeliveredKw,
    double Performance,
    int Devices,
    int LimitViolations,
    double ShortfallKw,
    int GridLimitExceededIntervals,
    int MissingReadings,
    string? Refusal)
{
    /// <summary>Flexibility the rewards oracle credited for the event (delivered Wh × performance, capped), from the published rewards document.</summary>
    public long RewardedFlexibilityWh { get; init; }

    /// <summary>The fleet could cover what was asked (within 50 W).</summary>
    public bool Feasible => ShortfallKw < 0.05;

    /// <summary>Measured; for a feasible event within 10 % of the request; inside every device limit; delivery earned rewards.</summary>
    public bool Passed => Status == "Measured" && LimitViolations == 0 && (!Feasible || Performance is >= 0.9 and <= 1.1) && (DeliveredKw <= 0 || RewardedFlexibilityWh > 0);
}

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
