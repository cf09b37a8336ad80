namespace OpenVpp.Gateway.Outbox;

/// <summary>One outbox row as an audit sees it: the signed bytes, the node's last answer, and whether it is final.</summary>
public sealed record OutboxRow(long Id, string DeviceId, ulong Sequence, byte[] SignedBytes, string? Result, bool Acknowledged);
