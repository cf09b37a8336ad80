using System.Globalization;
using System.Text.Json.Serialization;
using OpenVpp.Cli.Wallets;

namespace OpenVpp.Cli.Verification;

/// <summary>An epoch as EpochLedger holds it, as far as verify-epoch compares it.</summary>
/// <param name="Committed">The oracle committed the epoch.</param>
/// <param name="Disputed">A challenge proved a reading of the epoch invalid and the oracle has not resolved it.</param>
/// <param name="DataRoot">The committed data root (zero when not committed).</param>
/// <param name="RewardRoot">The committed cumulative reward root (zero when not committed).</param>
/// <param name="CommittedAt">The commit's block time, when committed.</param>
/// <param name="NextEpoch">The next epoch the ledger accepts.</param>
internal sealed record ChainEpoch(bool Committed, bool Disputed, string DataRoot, string RewardRoot, DateTimeOffset? CommittedAt, long NextEpoch);

/// <summary>One comparison of verify-epoch: a root or the reward amounts against one source.</summary>
/// <param name="Name">What is compared with what, e.g. "reward root vs chain".</param>
/// <param name="Result"><see cref="Matched"/>, <see cref="Mismatched"/> or <see cref="NotChecked"/>.</param>
/// <param name="Detail">The values compared, or why the comparison was not made.</param>
internal sealed record RootCheck(string Name, string Result, string Detail)
{
    public const string Matched = "match";
    public const string Mismatched = "mismatch";
    public const string NotChecked = "not_checked";
}

/// <summary>
/// What `openvpp verify-epoch` found (its --json output). The first eight fields are the data-root check of earlier
/// versions; <see cref="Match"/> is now the verdict over everything checked (true exactly when the exit code is 0).
/// Fields of a check that was not made are null.
/// </summary>
internal sealed record EpochVerificationReport(
    long Epoch,
    int Readings,
    string ExpectedRoot,
    string ComputedRoot,
    bool Match,
    int SignaturesChecked,
    int BadSignatures,
    IReadOnlyList<string> Problems,
    bool RewardsChecked,
    string? RewardRootComputed,
    string? RewardRootExpected,
    bool ChainChecked,
    bool? Committed,
    bool? Disputed,
    string? DataRootChain,
    string? RewardRootChain,
    IReadOnlyList<RootCheck> Checks,
    IReadOnlyList<string> Notes)
{
    /// <summary>0: everything checked matches; 1: something does not; 2: the chain was asked but holds no commit to compare with.</summary>
    [JsonIgnore]
    public int ExitCode { get; init; }

    /// <summary>
    /// Puts the checks together. <paramref name="expectedFrom"/> names where the expected data root came from ("node" or
    /// "export"); <paramref name="rewardsAbsent"/> says why <paramref name="rewards"/> is null; <paramref name="chain"/>
    /// is null when no chain was given.
    /// </summary>
    public static EpochVerificationReport Build(
        EpochVerification data, string expectedFrom, RewardsCheck? rewards, string? rewardsAbsent, ChainEpoch? chain)
    {
        ArgumentNullException.ThrowIfNull(data);
        var checks = new List<RootCheck>
        {
            Compare($"data root vs {expectedFrom}", data.ComputedRoot, data.ExpectedRoot, expectedFrom),
        };
        var notes = new List<string>();
        var problems = new List<string>(data.Problems);
        if (rewards is null)
        {
            var why = "rewards not checked: " + (rewardsAbsent ?? "no rewards document (pass --rewards FILE, or --node)");
            checks.Add(new RootCheck("data root vs document", RootCheck.NotChecked, why));
            checks.Add(new RootCheck("rewards vs document", RootCheck.NotChecked, why));
            checks.Add(new RootCheck("reward root vs document", RootCheck.NotChecked, why));
        }
        else
        {
            checks.Add(Compare("data root vs document", data.ComputedRoot, rewards.DocumentDataRoot, "document"));
            checks.Add(new RootCheck(
                "rewards vs document",
                rewards.AmountsMatch ? RootCheck.Matched : RootCheck.Mismatched,
                $"{rewards.Contributions} devices scored, {rewards.Owners} owners paid, {TokenUnits.Format(rewards.Issued)} OVPP issued"
                    + (rewards.AmountsMatch ? "" : "; the document differs (see problems)")));
            checks.Add(Compare("reward root vs document", rewards.ComputedRoot, rewards.ExpectedRoot, "document"));
            problems.AddRange(rewards.Problems);
            notes.AddRange(rewards.Notes);
        }

        var incomplete = false;
        if (chain is null)
        {
            const string why = "chain not checked (pass --manifest FILE, --data DIR or --rpc URL)";
            checks.Add(new RootCheck("data root vs chain", RootCheck.NotChecked, why));
            checks.Add(new RootCheck("reward root vs chain", RootCheck.NotChecked, why));
        }
        else if (!chain.Committed)
        {
            incomplete = true;
            var why = $"epoch {data.Epoch} is not committed on chain (next epoch to commit: {chain.NextEpoch})";
            checks.Add(new RootCheck("data root vs chain", RootCheck.NotChecked, why));
            checks.Add(new RootCheck("reward root vs chain", RootCheck.NotChecked, why));
        }
        else
        {
            checks.Add(Compare("data root vs chain", data.ComputedRoot, chain.DataRoot, "chain"));
            checks.Add(rewards is null
                ? new RootCheck("reward root vs chain", RootCheck.NotChecked, $"no rewards document to recompute it from; the chain holds {chain.RewardRoot}")
                : Compare("reward root vs chain", rewards.ComputedRoot, chain.RewardRoot, "chain"));
            notes.Add(chain.Disputed
                ? $"epoch {data.Epoch} is DISPUTED on chain: a challenge proved one of its readings invalid; claims are paused until the oracle resolves it"
                : $"epoch {data.Epoch} committed on chain at {chain.CommittedAt?.ToString("u", CultureInfo.InvariantCulture)}, not disputed");
        }

        foreach (var check in checks.Where(c => c.Result == RootCheck.Mismatched && c.Name.EndsWith("vs chain", StringComparison.Ordinal)))
        {
            problems.Add($"{check.Name}: {check.Detail}");
        }

        var mismatch = !data.Match || checks.Any(c => c.Result == RootCheck.Mismatched);
        var exitCode = mismatch ? 1 : incomplete ? 2 : 0;
        return new EpochVerificationReport(
            data.Epoch, data.Readings, data.ExpectedRoot, data.ComputedRoot, exitCode == 0, data.SignaturesChecked, data.BadSignatures, problems,
            rewards is not null, rewards?.ComputedRoot, rewards?.ExpectedRoot,
            chain is not null, chain?.Committed, chain?.Committed == true ? chain.Disputed : null,
            chain is { Committed: true } ? chain.DataRoot : null, chain is { Committed: true } ? chain.RewardRoot : null,
            checks, notes)
        {
            ExitCode = exitCode,
        };
    }

    /// <summary>The human-readable form: a verdict line, one line per check, notes and problems.</summary>
    public IEnumerable<string> Lines()
    {
        var verdict = ExitCode switch { 0 => "MATCH", 1 => "MISMATCH", _ => "INCOMPLETE" };
        yield return $"epoch {Epoch}: {verdict} — {Readings} readings"
            + (SignaturesChecked > 0 ? $", {SignaturesChecked - BadSignatures} of {SignaturesChecked} signatures valid" : ", signatures not checked (no --node)");
        var width = Checks.Max(c => c.Name.Length);
        foreach (var check in Checks)
        {
            var result = check.Result switch
            {
                RootCheck.Matched => "MATCH",
                RootCheck.Mismatched => "MISMATCH",
                _ => "-",
            };
            yield return $"  {check.Name.PadRight(width)}  {result,-8}  {check.Detail}";
        }

        foreach (var note in Notes)
        {
            yield return "  note: " + note;
        }

        foreach (var problem in Problems)
        {
            yield return "  - " + problem;
        }
    }

    private static RootCheck Compare(string name, string computed, string other, string otherName) =>
        RewardsCheck.SameHex(computed, other)
            ? new RootCheck(name, RootCheck.Matched, computed)
            : new RootCheck(name, RootCheck.Mismatched, $"recomputed {computed}, {otherName} {other}");
}
