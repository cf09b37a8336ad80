namespace OpenVpp.Node.OpenAdr;

/// <summary>
/// One of the VTN's object collections: its path, the id parameter of its item path, the objectType it stores, the
/// request schema bodies are validated against, and the name that must be unique among its objects (if any).
/// </summary>
internal sealed record OpenAdrCollection(string Path, string IdParameter, string ObjectType, string RequestSchema, string? UniqueName, bool VenOwned)
{
    public static readonly OpenAdrCollection Programs = new("/programs", "programID", "PROGRAM", "programRequest", "programName", VenOwned: false);
    public static readonly OpenAdrCollection Events = new("/events", "eventID", "EVENT", "eventRequest", null, VenOwned: false);
    public static readonly OpenAdrCollection Reports = new("/reports", "reportID", "REPORT", "reportRequest", null, VenOwned: true);
    public static readonly OpenAdrCollection Subscriptions = new("/subscriptions", "subscriptionID", "SUBSCRIPTION", "subscriptionRequest", null, VenOwned: true);
    public static readonly OpenAdrCollection Vens = new("/vens", "venID", "VEN", "venRequest", "venName", VenOwned: true);
    public static readonly OpenAdrCollection Resources = new("/resources", "resourceID", "RESOURCE", "resourceRequest", null, VenOwned: true);

    public static readonly IReadOnlyList<OpenAdrCollection> All = [Programs, Events, Reports, Subscriptions, Vens, Resources];

    public string ItemPath => $"{Path}/{{{IdParameter}}}";

    /// <summary>Whether targets decide who reads this collection (programs and events, read_targets).</summary>
    public bool Targeted => !VenOwned;
}
