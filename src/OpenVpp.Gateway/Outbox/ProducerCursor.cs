namespace OpenVpp.Gateway.Outbox;

/// <summary>
/// Where production stopped: the last interval written to the outbox (null before the first), the interval length
/// it was produced with, and the next sequence number of every device that has produced.
/// </summary>
public sealed record ProducerCursor(DateTimeOffset? LastIntervalStart, TimeSpan? Interval, IReadOnlyDictionary<string, ulong> NextSequences);
