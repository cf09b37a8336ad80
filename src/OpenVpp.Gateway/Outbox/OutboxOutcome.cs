namespace OpenVpp.Gateway.Outbox;

/// <summary>
/// What became of one uploaded reading. <see cref="Final"/> outcomes leave the pending queue (kept for audit with
/// <see cref="Result"/>); others stay pending and only record why.
/// </summary>
public readonly record struct OutboxOutcome(long Id, string Result, bool Final);
