using OpenVpp.Core.Validation;

namespace OpenVpp.Node.Ingest;

/// <summary>Counts of ingest outcomes since the node started.</summary>
internal sealed class IngestStats(DateTimeOffset since)
{
    private readonly long[] _rejected = new long[Enum.GetValues<RejectionReason>().Length];
    private long _accepted;

    public DateTimeOffset Since { get; } = since;

    public long Accepted => Interlocked.Read(ref _accepted);

    public void AddAccepted(int count) => Interlocked.Add(ref _accepted, count);

    public void AddRejected(RejectionReason reason) => Interlocked.Increment(ref _rejected[(int)reason]);

    public IReadOnlyDictionary<string, long> Rejected()
    {
        var counts = new Dictionary<string, long>();
        foreach (var reason in Enum.GetValues<RejectionReason>())
        {
            counts[reason.ToWire()] = Interlocked.Read(ref _rejected[(int)reason]);
        }

        return counts;
    }
}
