using System.Globalization;
using System.Numerics;
using System.Text.Json;
using OpenVpp.Core.Readings;
using OpenVpp.Core.Rewards;
using OpenVpp.Core.Wire;
using OpenVpp.Node.Api;

namespace OpenVpp.Cli.Verification;

/// <summary>
/// The outcome of re-running an epoch's reward computation from the oracle's document and the epoch's readings.
/// </summary>
/// <param name="ComputedRoot">The reward root recomputed here.</param>
/// <param name="ExpectedRoot">The reward root the document states.</param>
/// <param name="DocumentDataRoot">The data root the document states.</param>
/// <param name="DataRootMatch">The document's data root equals the one recomputed from the export.</param>
/// <param name="AmountsMatch">The document's reading count, contributions, emission, owner amounts and balances equal the recomputed ones.</param>
/// <param name="PreviousEpoch">The epoch whose balances the document starts from (taken on trust), or null at genesis.</param>
/// <param name="Contributions">Devices scored in the recomputation.</param>
/// <param name="Owners">Owners paid in the recomputation.</param>
/// <param name="Issued">Base units the recomputation issues.</param>
/// <param name="Problems">The differences found, first ones of each kind only.</param>
/// <param name="Notes">What was taken on trust or skipped, worth knowing but not a difference.</param>
internal sealed record RewardsCheck(
    string ComputedRoot,
    string ExpectedRoot,
    string DocumentDataRoot,
    bool DataRootMatch,
    bool AmountsMatch,
    long? PreviousEpoch,
    int Contributions,
    int Owners,
    BigInteger Issued,
    IReadOnlyList<string> Problems,
    IReadOnlyList<string> Notes)
{
    public bool RootMatch => SameHex(ComputedRoot, ExpectedRoot);

    /// <summary>Every output of the document equals the recomputed one, and its data root the recomputed data root.</summary>
    public bool Match => DataRootMatch && AmountsMatch && RootMatch;

    internal static bool SameHex(string? a, string? b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}

/// <summary>
/// Checks a rewards oracle's published computation (GET /v1/epochs/{i}/rewards): rebuilds the inputs from the document
/// and the epoch's readings, runs the same <see cref="EpochRewardComputation.Compute"/> the oracle runs, and compares
/// every output. The balances before the epoch, the device profiles and the implausible devices are inputs the
/// document states; they are taken as given (a full audit checks each epoch's balances against the previous epoch's).
/// </summary>
internal static class RewardsVerifier
{
    /// <summary>Differences reported per list (contributions, owners, balances); the rest are counted.</summary>
    public const int MaxDifferencesPerList = 5;

    /// <summary>Parses and shape-checks a rewards document; <paramref name="source"/> names it in errors.</summary>
    /// <exception cref="InvalidDataException">Not a version 1 rewards document.</exception>
    public static EpochRewardsDocument Parse(string json, string source)
    {
        EpochRewardsDocument? document;
        try
        {
            document = JsonSerializer.Deserialize(json, WireJsonContext.Default.EpochRewardsDocument);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{source} is not a rewards document: {e.Message}", e);
        }

        var missing = document is null ? "content" : MissingField(document);
        if (missing is not null)
        {
            throw new InvalidDataException($"{source} is not a rewards document (no {missing}).");
        }

        return document!.Version == EpochRewardsDocuments.Version
            ? document
            : throw new InvalidDataException($"{source} is a version {document.Version} rewards document; this openvpp reads version {EpochRewardsDocuments.Version}.");
    }

    /// <summary>Re-runs the computation; <paramref name="computedDataRoot"/> is the data root recomputed from the export.</summary>
    /// <exception cref="InvalidDataException">The document is for another epoch or holds inputs that cannot be used.</exception>
    public static RewardsCheck Verify(EpochExport export, EpochRewardsDocument document, string computedDataRoot)
    {
        ArgumentNullException.ThrowIfNull(export);
        ArgumentNullException.ThrowIfNull(document);
        if (document.Epoch != export.Epoch.Index)
        {
            throw new InvalidDataException($"the rewards document is for epoch {document.Epoch} but the export for epoch {export.Epoch.Index}.");
        }

        // The readings as the oracle reads them: every stored reading that decodes.
        var readings = new List<Reading>(export.Readings.Count);
        foreach (var hex in export.Readings)
        {
            if (HexBytes.TryParse(hex, out var bytes) && bytes.Length == SignedReading.Length
                && ReadingCodec.TryDecode(SignedReading.Canonical(bytes), out _) is { } reading)
            {
                readings.Add(reading);
            }
        }

        EpochRewardInputs inputs;
        EpochRewardComputation result;
        EpochRewardsDocument recomputed;
        try
        {
            inputs = EpochRewardsDocuments.InputsFrom(document, readings);
            result = EpochRewardComputation.Compute(inputs);
            var dataRoot = HexBytes.TryParse(computedDataRoot, out var root) ? root : new byte[32];
            recomputed = EpochRewardsDocuments.Create(inputs, readings, dataRoot, result);
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            throw new InvalidDataException($"the rewards document's inputs cannot be used: {e.Message}", e);
        }

        var problems = new List<string>();
        var dataRootMatch = RewardsCheck.SameHex(document.DataRoot, computedDataRoot);
        if (!dataRootMatch)
        {
            problems.Add($"the rewards document's data root {document.DataRoot} differs from the recomputed {computedDataRoot}");
        }

        var before = problems.Count;
        if (document.ReadingCount != readings.Count)
        {
            problems.Add($"the rewards document counts {document.ReadingCount} readings; the export holds {readings.Count} that decode");
        }

        CompareList(problems, "contributions", "device", document.Contributions, recomputed.Contributions, c => c.DeviceId, ContributionDifferences);
        CompareAmount(problems, "scheduled emission", document.ScheduledEmission, recomputed.ScheduledEmission);
        CompareAmount(problems, "issued", document.Issued, recomputed.Issued);
        CompareList(problems, "owner rewards", "owner", document.Owners, recomputed.Owners, o => o.Account, OwnerDifferences);
        CompareList(problems, "cumulative balances", "cumulative balance of", document.Cumulative, recomputed.Cumulative, b => b.Account, BalanceDifferences);
        var amountsMatch = problems.Count == before;
        if (!RewardsCheck.SameHex(document.RewardRoot, recomputed.RewardRoot))
        {
            problems.Add($"recomputed reward root {recomputed.RewardRoot} differs from the document's {document.RewardRoot}");
        }

        var notes = new List<string>
        {
            document.PreviousEpoch is { } previous
                ? $"balances before the epoch taken from the document (after epoch {previous}, {document.PreviousCumulative.Count} accounts); a full audit checks them against epoch {previous}'s document"
                : "balances before the epoch: none (the document starts from genesis)",
        };
        if (result.Scores.UnknownDeviceReadings > 0)
        {
            notes.Add($"{result.Scores.UnknownDeviceReadings} readings come from devices the document gives no reward profile; they earn nothing");
        }

        if (result.Scores.DuplicateReadings > 0)
        {
            notes.Add($"{result.Scores.DuplicateReadings} readings repeat a device's sequence number and were scored once");
        }

        return new RewardsCheck(
            recomputed.RewardRoot, document.RewardRoot, document.DataRoot, dataRootMatch, amountsMatch, document.PreviousEpoch,
            result.Scores.Contributions.Count, result.Rewards.Owners.Count, result.Rewards.Issued, problems, notes);
    }

    private static void CompareAmount(List<string> problems, string what, string stated, string recomputed)
    {
        if (!SameAmount(stated, recomputed))
        {
            problems.Add($"{what}: {stated} in the document, {recomputed} recomputed");
        }
    }

    /// <summary>Compares two lists keyed by id (an account or a device), reporting the first differences.</summary>
    private static void CompareList<T>(
        List<string> problems, string listName, string what, IReadOnlyList<T> stated, IReadOnlyList<T> recomputed, Func<T, string> key, Func<T, T, IEnumerable<string>> differences)
    {
        var byKey = recomputed.ToDictionary(r => key(r).ToLowerInvariant(), StringComparer.Ordinal);
        var found = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in stated)
        {
            var id = key(row).ToLowerInvariant();
            if (!seen.Add(id))
            {
                found.Add($"{what} {id}: listed twice in the document");
            }
            else if (!byKey.TryGetValue(id, out var mine))
            {
                found.Add($"{what} {id}: in the document, not in the recomputation");
            }
            else if (string.Join("; ", differences(row, mine)) is { Length: > 0 } diff)
            {
                found.Add($"{what} {id}: {diff}");
            }
        }

        found.AddRange(byKey.Keys.Where(id => !seen.Contains(id)).Select(id => $"{what} {id}: recomputed, missing from the document"));
        problems.AddRange(found.Take(MaxDifferencesPerList));
        if (found.Count > MaxDifferencesPerList)
        {
            problems.Add($"… and {found.Count - MaxDifferencesPerList} more differences in {listName}");
        }
    }

    private static IEnumerable<string> ContributionDifferences(ContributionDocument stated, ContributionDocument mine)
    {
        var list = new List<string>();
        Field(list, "owner", stated.Owner?.ToLowerInvariant(), mine.Owner);
        Field(list, "kind", stated.Kind, mine.Kind);
        Field(list, "produced_wh", stated.ProducedWh, mine.ProducedWh);
        Field(list, "exported_wh", stated.ExportedWh, mine.ExportedWh);
        Field(list, "storage_wh_h", stated.StorageWhH, mine.StorageWhH);
        Field(list, "reported_intervals", stated.ReportedIntervals, mine.ReportedIntervals);
        Field(list, "completeness_ppm", stated.CompletenessPpm, mine.CompletenessPpm);
        Field(list, "excluded", stated.Excluded, mine.Excluded);
        AmountField(list, "points", stated.Points, mine.Points);
        return list;
    }

    private static IEnumerable<string> OwnerDifferences(OwnerRewardDocument stated, OwnerRewardDocument mine)
    {
        var list = new List<string>();
        AmountField(list, "amount", stated.Amount, mine.Amount);
        AmountField(list, "points", stated.Points, mine.Points);
        return list;
    }

    private static IEnumerable<string> BalanceDifferences(RewardBalanceDocument stated, RewardBalanceDocument mine)
    {
        var list = new List<string>();
        AmountField(list, "amount", stated.Amount, mine.Amount);
        return list;
    }

    private static void Field<T>(List<string> list, string name, T stated, T mine)
    {
        if (!EqualityComparer<T>.Default.Equals(stated, mine))
        {
            list.Add($"{name} {Text(stated)} in the document, {Text(mine)} recomputed");
        }
    }

    private static void AmountField(List<string> list, string name, string? stated, string mine)
    {
        if (!SameAmount(stated, mine))
        {
            list.Add($"{name} {stated} in the document, {mine} recomputed");
        }
    }

    private static string Text<T>(T value) => value switch
    {
        null => "(none)",
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>Decimal amounts compare by value ("007" is 7); anything else by text.</summary>
    private static bool SameAmount(string? a, string? b) =>
        BigInteger.TryParse(a, NumberStyles.None, CultureInfo.InvariantCulture, out var x)
        && BigInteger.TryParse(b, NumberStyles.None, CultureInfo.InvariantCulture, out var y)
            ? x == y
            : string.Equals(a, b, StringComparison.Ordinal);

    /// <summary>The first required field a deserialized document lacks, or null (JSON leaves absent fields null).</summary>
    private static string? MissingField(EpochRewardsDocument d)
    {
        var p = d.Parameters;
        return d.DataRoot is null ? "data_root"
            : p is null ? "parameters"
            : p.InitialEpochEmission is null || p.ProducedWhPoints is null || p.ExportedWhPoints is null || p.StorageWhHPoints is null ? "complete parameters"
            : d.Devices is null || d.Devices.Any(x => x?.DeviceId is null || x.Owner is null || x.Kind is null) ? "devices"
            : d.ImplausibleDevices is null || d.ImplausibleDevices.Any(x => x is null) ? "implausible_devices"
            : d.PreviousCumulative is null || d.PreviousCumulative.Any(x => x?.Account is null || x.Amount is null) ? "previous_cumulative"
            : d.Contributions is null || d.Contributions.Any(x => x?.DeviceId is null || x.Points is null) ? "contributions"
            : d.ScheduledEmission is null ? "scheduled_emission"
            : d.Issued is null ? "issued"
            : d.Owners is null || d.Owners.Any(x => x?.Account is null || x.Amount is null || x.Points is null) ? "owners"
            : d.Cumulative is null || d.Cumulative.Any(x => x?.Account is null || x.Amount is null) ? "cumulative"
            : d.RewardRoot is null ? "reward_root"
            : null;
    }
}
