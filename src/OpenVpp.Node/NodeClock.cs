namespace OpenVpp.Node;

/// <summary>
/// The node's clock, wrapped so a fake clock in tests drives ingest and epochs without also replacing the
/// <see cref="TimeProvider"/> that ASP.NET Core's own services may resolve.
/// </summary>
internal sealed class NodeClock(TimeProvider time)
{
    public TimeProvider Time { get; } = time;

    public DateTimeOffset UtcNow => Time.GetUtcNow();
}
