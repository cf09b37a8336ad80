using System.Globalization;
using System.Numerics;
using OpenVpp.Core.Accounts;
using OpenVpp.Core.Devices;
using OpenVpp.Core.Merkle;
using OpenVpp.Core.Readings;
using OpenVpp.Core.Wire;

namespace OpenVpp.Core.Rewards;

/// <summary>
/// Between <see cref="EpochRewardComputation"/> and its published form: the oracle writes the document, and a verifier
/// rebuilds the inputs from it plus the epoch's readings and runs the same computation.
/// </summary>
public static class EpochRewardsDocuments
{
    public const int Version = 1;

    public static EpochRewardsDocument Create(
        EpochRewardInputs inputs, IReadOnlyCollection<Reading> readings, byte[] dataRoot, EpochRewardComputation result)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(readings);
        ArgumentNullException.ThrowIfNull(result);
        var seen = readings.Select(r => r.DeviceId).Concat((inputs.Flexibility ?? []).Select(c => c.DeviceId)).ToHashSet();
        var p = inputs.Parameters;
        return new EpochRewardsDocument(
            Version,
            inputs.Epoch,
            HexBytes.ToHex(dataRoot),
            readings.Count,
            new RewardParametersDocument(
                Text(p.InitialEpochEmission), p.HalvingIntervalEpochs, p.GenesisEpoch,
                [p.ProducedWhPoints.Points, p.ProducedWhPoints.PerUnits], [p.ExportedWhPoints.Points, p.ExportedWhPoints.PerUnits],
                [p.StorageWhHPoints.Points, p.StorageWhHPoints.PerUnits], p.ExpectedIntervalsPerEpoch, p.ImplausibleDevicePointsPpm,
                [p.FlexibilityWhPoints.Points, p.FlexibilityWhPoints.PerUnits]),
            [.. inputs.Devices.Values.Where(d => seen.Contains(d.Id)).OrderBy(d => d.Id.ToString(), StringComparer.Ordinal)
                .Select(d => new RewardDeviceDocument(d.Id.ToString(), d.Owner.ToString(), d.Kind.ToWire(), d.CapacityWh))],
            [.. inputs.ImplausibleDevices.Select(d => d.ToString()).Order(StringComparer.Ordinal)],
            inputs.Previous.LastEpoch,
            Balances(inputs.Previous),
            [.. result.Scores.Contributions.Select(c => new ContributionDocument(
                c.DeviceId.ToString(), c.Owner.ToString(), c.Kind.ToWire(), c.ProducedWh, c.ExportedWh, c.StorageWhH,
                c.ReportedIntervals, c.CompletenessPpm, c.Excluded, Text(c.Points), c.FlexibilityWh))],
            Text(result.Rewards.ScheduledEmission),
            Text(result.Rewards.Issued),
            [.. result.Rewards.Owners.Select(o => new OwnerRewardDocument(o.Owner.ToString(), Text(o.Points), Text(o.Amount)))],
            Balances(result.Cumulative),
            HexBytes.ToHex(result.Tree.Root),
            inputs.Flexibility is { Count: > 0 } credits
                ? [.. credits.OrderBy(c => c.DeviceId.ToString(), StringComparer.Ordinal).ThenBy(c => c.EventId, StringComparer.Ordinal)
                    .Select(c => new FlexibilityCreditDocument(c.DeviceId.ToString(), c.EventId, c.Wh))]
                : null);
    }

    /// <summary>The balances after the document's epoch.</summary>
    public static CumulativeRewards CumulativeAfter(EpochRewardsDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return FromBalances(document.Cumulative, document.Epoch);
    }

    /// <summary>Rebuilds the inputs from a document and the epoch's readings (for verification).</summary>
    public static EpochRewardInputs InputsFrom(EpochRewardsDocument document, IEnumerable<Reading> readings)
    {
        ArgumentNullException.ThrowIfNull(document);
        var p = document.Parameters;
        var parameters = new RewardParameters
        {
            InitialEpochEmission = Number(p.InitialEpochEmission),
            HalvingIntervalEpochs = p.HalvingIntervalEpochs,
            GenesisEpoch = p.GenesisEpoch,
            ProducedWhPoints = Rate(p.ProducedWhPoints),
            ExportedWhPoints = Rate(p.ExportedWhPoints),
            StorageWhHPoints = Rate(p.StorageWhHPoints),
            ExpectedIntervalsPerEpoch = p.ExpectedIntervalsPerEpoch,
            ImplausibleDevicePointsPpm = p.ImplausibleDevicePointsPpm,
        };
        if (p.FlexibilityWhPoints is { } flexibilityRate)
        {
            parameters = parameters with { FlexibilityWhPoints = Rate(flexibilityRate) };
        }
        var devices = new Dictionary<DeviceId, DeviceRewardProfile>();
        foreach (var d in document.Devices)
        {
            if (!DeviceKindNames.TryParse(d.Kind, out var kind))
            {
                throw new FormatException($"Device {d.DeviceId} has unknown kind '{d.Kind}'.");
            }

            var id = DeviceId.Parse(d.DeviceId);
            devices[id] = new DeviceRewardProfile(id, AccountAddress.Parse(d.Owner), kind, d.CapacityWh);
        }

        var previous = document.PreviousEpoch is { } prev ? FromBalances(document.PreviousCumulative, prev) : CumulativeRewards.Empty;
        return new EpochRewardInputs(
            document.Epoch,
            readings,
            document.ImplausibleDevices.Select(DeviceId.Parse).ToHashSet(),
            devices,
            previous,
            parameters,
            [.. (document.Flexibility ?? []).Select(c => new FlexibilityCredit(DeviceId.Parse(c.DeviceId), c.EventId, c.Wh))]);
    }

    /// <summary>The data root the document's epoch commits to, recomputed from signed readings.</summary>
    public static byte[] DataRoot(IEnumerable<byte[]> signedReadings) =>
        MerkleTree.Build(signedReadings.Select(b => MerkleTree.LeafHash(b))).Root;

    private static IReadOnlyList<RewardBalanceDocument> Balances(CumulativeRewards rewards) =>
        [.. rewards.Amounts.OrderBy(a => a.Key).Select(a => new RewardBalanceDocument(a.Key.ToString(), Text(a.Value)))];

    private static CumulativeRewards FromBalances(IEnumerable<RewardBalanceDocument> balances, long lastEpoch) =>
        CumulativeRewards.FromAmounts(balances.Select(b => KeyValuePair.Create(AccountAddress.Parse(b.Account), Number(b.Amount))), lastEpoch);

    private static PointRate Rate(long[] pair) =>
        pair is [var points, var per] ? new PointRate(points, per) : throw new FormatException("A point rate is [points, per_units].");

    private static string Text(BigInteger value) => value.ToString(CultureInfo.InvariantCulture);

    private static BigInteger Number(string text) =>
        BigInteger.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new FormatException($"'{text}' is not a non-negative decimal amount.");
}
