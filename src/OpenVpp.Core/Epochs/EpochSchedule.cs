namespace OpenVpp.Core.Epochs;

/// <summary>
/// Numbered, back-to-back epochs of equal length from a genesis instant: epoch i covers [Start(i), End(i)).
/// A reading belongs to the epoch in which the node accepted it, so a sealed epoch never changes, however
/// late a gateway catches up.
/// </summary>
public sealed record EpochSchedule(DateTimeOffset Genesis, TimeSpan Length)
{
    public static readonly TimeSpan DefaultLength = TimeSpan.FromHours(1);

    public long IndexAt(DateTimeOffset instant)
    {
        if (Length <= TimeSpan.Zero)
        {
            throw new InvalidOperationException("Epoch length must be positive.");
        }

        var elapsed = instant - Genesis;
        return elapsed < TimeSpan.Zero ? -1 : elapsed.Ticks / Length.Ticks;
    }

    public DateTimeOffset StartOf(long index) => Genesis + TimeSpan.FromTicks(Length.Ticks * index);

    public DateTimeOffset EndOf(long index) => StartOf(index + 1);
}
