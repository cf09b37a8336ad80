using OpenVpp.Core.Validation;

namespace OpenVpp.Node.Ingest;

/// <summary>Counts of ingest outcomes since the node started.</summary>
internal sealed class IngestStats(DateTimeOffset since)
{
    private readonly long[] _rejected = new long[Enum.GetValues<RejectionReason>().Length];
    private long _accepted;
    private long _writerGroups;
    private long _writerBatches;

    public DateTimeOffset Since { get; } = since;

    public long Accepted => Interlocked.Read(ref _accepted);

    /// <summary>Groups the writer has written (each one transaction, committed when anything was accepted).</summary>
    public long WriterGroups => Interlocked.Read(ref _writerGroups);

    /// <summary>Request batches those groups held: batches per group shows how much group commit saves.</summary>
    public long WriterBatches => Interlocked.Read(ref _writerBatches);

    public void AddAccepted(int count) => Interlocked.Add(ref _accepted, count);

    public void AddGroup(int batches)
    {
        Interlocked.Increment(ref _writerGroups);
        Interlocked.Add(ref _writerBatches, batches);
    }

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
