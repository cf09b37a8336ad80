using OpenVpp.Gateway.Outbox;

namespace OpenVpp.Gateway;

/// <summary>Read-only view of a gateway's data directory, for the CLI after (or while) a gateway runs.</summary>
public static class GatewayStatus
{
    /// <summary>Outbox totals (produced, delivered, pending, rejected by reason); all zero when there is no outbox yet.</summary>
    public static async Task<OutboxCounts> ReadAsync(string dataDir, CancellationToken cancellationToken = default)
    {
        var path = Path.Combine(dataDir, OutboxStore.FileName);
        if (!File.Exists(path))
        {
            return new OutboxCounts(0, 0, 0, new Dictionary<string, long>(), null);
        }

        await using var outbox = OutboxStore.Open(path);
        return await outbox.CountAsync(cancellationToken).ConfigureAwait(false);
    }
}
