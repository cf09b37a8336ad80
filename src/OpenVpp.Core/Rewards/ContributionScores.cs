namespace OpenVpp.Core.Rewards;

/// <summary>The outcome of scoring an epoch's readings.</summary>
/// <param name="Contributions">One row per scored device, in ascending device id order.</param>
/// <param name="UnknownDeviceReadings">Readings skipped because their device has no reward profile (worth logging).</param>
/// <param name="DuplicateReadings">Readings skipped because their device already had a reading with that sequence number.</param>
public sealed record ContributionScores(
    IReadOnlyList<DeviceContribution> Contributions,
    long UnknownDeviceReadings,
    long DuplicateReadings);
