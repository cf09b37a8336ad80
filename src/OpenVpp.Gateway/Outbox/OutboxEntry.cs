using OpenVpp.Core.Devices;

namespace OpenVpp.Gateway.Outbox;

/// <summary>A signed reading (140 bytes) to store in the outbox, with the fields the outbox indexes.</summary>
public sealed record OutboxEntry(DeviceId DeviceId, ulong Sequence, DateTimeOffset IntervalStart, byte[] SignedBytes);
