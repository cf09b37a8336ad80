namespace OpenVpp.Gateway.Outbox;

/// <summary>
/// Outbox totals since it was created (pruned rows included): readings produced, delivered to the node, still waiting,
/// and finally rejected by reason. Produced = Delivered + Pending + Rejected.
/// </summary>
public sealed record OutboxCounts(
    long Produced,
    long Delivered,
    long Pending,
    IReadOnlyDictionary<string, long> RejectedByReason,
    DateTimeOffset? LastProducedIntervalStart)
{
    public long Rejected => RejectedByReason.Values.Sum();
}
