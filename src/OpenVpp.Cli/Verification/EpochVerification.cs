namespace OpenVpp.Cli.Verification;

/// <summary>
/// Result of recomputing an epoch's root. Match is true when the root recomputed from the readings equals the
/// expected one and the reading count agrees; signatures are checked only when device keys were available.
/// </summary>
internal sealed record EpochVerification(
    long Epoch,
    int Readings,
    string ExpectedRoot,
    string ComputedRoot,
    bool Match,
    int SignaturesChecked,
    int BadSignatures,
    IReadOnlyList<string> Problems);
