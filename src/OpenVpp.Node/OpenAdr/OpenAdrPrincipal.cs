using OpenVpp.Storage.OpenAdr;

namespace OpenVpp.Node.OpenAdr;

/// <summary>Who is calling the VTN: a client id, its role and the scopes its token carries.</summary>
public sealed record OpenAdrPrincipal(string ClientId, OpenAdrRole Role, IReadOnlyList<string> Scopes)
{
    public bool IsVen => Role == OpenAdrRole.Ven;

    /// <summary>
    /// Whether the token may call an operation needing any of <paramref name="required"/>. read_all (business logic)
    /// covers every read scope, since the spec grants BL read access to everything.
    /// </summary>
    public bool Allows(IReadOnlyList<string> required) =>
        required.Count == 0
        || required.Any(Scopes.Contains)
        || (Scopes.Contains(OpenAdrScopes.ReadAll) && required.Any(r => r.StartsWith("read_", StringComparison.Ordinal)));
}

/// <summary>The scopes of OpenADR 3.1 and what each role gets by default.</summary>
public static class OpenAdrScopes
{
    public const string ReadAll = "read_all";
    public const string ReadTargets = "read_targets";
    public const string ReadVenObjects = "read_ven_objects";
    public const string ReadBl = "read_bl";
    public const string WritePrograms = "write_programs";
    public const string WriteEvents = "write_events";
    public const string WriteReports = "write_reports";
    public const string WriteSubscriptions = "write_subscriptions";
    public const string WriteVens = "write_vens";

    public static readonly IReadOnlyList<string> All = [ReadAll, ReadTargets, ReadVenObjects, ReadBl, WritePrograms, WriteEvents, WriteReports, WriteSubscriptions, WriteVens];

    /// <summary>Per the spec's scope descriptions: only BL writes programs and events, only VENs write reports.</summary>
    public static IReadOnlyList<string> DefaultFor(OpenAdrRole role) => role == OpenAdrRole.BusinessLogic
        ? [ReadAll, ReadBl, WritePrograms, WriteEvents, WriteSubscriptions, WriteVens]
        : [ReadTargets, ReadVenObjects, WriteReports, WriteSubscriptions, WriteVens];
}
