namespace OpenVpp.Gateway.Producer;

/// <summary>One interval as committed to the outbox: [Start, End) and the readings signed for it.</summary>
public sealed record CommittedInterval(DateTimeOffset Start, DateTimeOffset End, IReadOnlyList<CommittedReading> Readings);
