namespace OpenVpp.Gateway.Outbox;

/// <summary>A reading the node has not yet acknowledged; <see cref="Id"/> orders the outbox.</summary>
public sealed record PendingReading(long Id, string DeviceId, ulong Sequence, DateTimeOffset IntervalStart, byte[] SignedBytes);
