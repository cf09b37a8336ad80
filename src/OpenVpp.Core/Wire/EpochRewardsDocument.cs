namespace OpenVpp.Core.Wire;

/// <summary>
/// One epoch of the rewards oracle as published (GET /v1/epochs/{i}/rewards): every input besides the readings
/// themselves (parameters, the devices' owners and capacities, devices caught with implausible data, the balances
/// before) and every output (per-device rows, per-owner amounts, balances after, the reward root). Amounts are
/// decimal strings of OVPP base units (18 decimals); roots and ids are 0x-hex.
/// </summary>
public sealed record EpochRewardsDocument(
    int Version,
    long Epoch,
    string DataRoot,
    int ReadingCount,
    RewardParametersDocument Parameters,
    IReadOnlyList<RewardDeviceDocument> Devices,
    IReadOnlyList<string> ImplausibleDevices,
    long? PreviousEpoch,
    IReadOnlyList<RewardBalanceDocument> PreviousCumulative,
    IReadOnlyList<ContributionDocument> Contributions,
    string ScheduledEmission,
    string Issued,
    IReadOnlyList<OwnerRewardDocument> Owners,
    IReadOnlyList<RewardBalanceDocument> Cumulative,
    string RewardRoot,
    IReadOnlyList<FlexibilityCreditDocument>? Flexibility = null);

/// <summary>Verified demand-response delivery credited to a device in the epoch: the event it was measured for and its performance-capped Wh.</summary>
public sealed record FlexibilityCreditDocument(string DeviceId, string EventId, long Wh);

public sealed record RewardParametersDocument(
    string InitialEpochEmission,
    long HalvingIntervalEpochs,
    long GenesisEpoch,
    long[] ProducedWhPoints,
    long[] ExportedWhPoints,
    long[] StorageWhHPoints,
    int ExpectedIntervalsPerEpoch,
    int ImplausibleDevicePointsPpm,
    long[]? FlexibilityWhPoints = null);

public sealed record RewardDeviceDocument(string DeviceId, string Owner, string Kind, long CapacityWh);

public sealed record RewardBalanceDocument(string Account, string Amount);

public sealed record OwnerRewardDocument(string Account, string Points, string Amount);

public sealed record ContributionDocument(
    string DeviceId,
    string Owner,
    string Kind,
    long ProducedWh,
    long ExportedWh,
    long StorageWhH,
    int ReportedIntervals,
    int CompletenessPpm,
    bool Excluded,
    string Points,
    long FlexibilityWh = 0);

/// <summary>GET /v1/rewards/{account}: what an owner can claim and the proof for it.</summary>
public sealed record RewardClaimView(
    string Account,
    long Epoch,
    string CumulativeAmount,
    string Claimed,
    string Claimable,
    IReadOnlyList<string> Proof,
    string RewardRoot);
