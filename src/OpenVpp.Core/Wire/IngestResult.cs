namespace OpenVpp.Core.Wire;

/// <summary>
/// The node's answer for one reading of a batch, at the same index. <see cref="Status"/> is "accepted" or
/// "rejected"; <see cref="Reason"/> is a reason code (bad_signature, unknown_device, duplicate, …) when rejected.
/// <see cref="Stored"/> is true when the node holds this exact reading, which is also the case for a resent
/// duplicate: a gateway may then drop it from its outbox.
/// </summary>
public sealed record IngestResult(
    int Index,
    string? DeviceId,
    ulong? Sequence,
    string Status,
    string? Reason,
    string? Detail,
    bool Stored);
