using OpenVpp.Core.Devices;
using OpenVpp.Core.Readings;

namespace OpenVpp.Storage.Sqlite;

/// <summary>Reading queries, each on its own (pooled) connection so readers never wait for the writer in WAL mode.</summary>
public sealed class SqliteReadingStore(SqliteDatabase database) : IReadingStore
{
    public async Task<IReadOnlyDictionary<DeviceId, DeviceReadingState>> LoadDeviceStatesAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = database.Open();
        await using var command = connection.CreateCommand();
        // SQLite takes the bare column (interval_end_ms) from the row holding MAX(sequence).
        command.CommandText = "SELECT device_id, MAX(sequence), interval_end_ms FROM readings GROUP BY device_id";
        var states = new Dictionary<DeviceId, DeviceReadingState>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            states[new DeviceId((byte[])reader[0])] = new DeviceReadingState(
                unchecked((ulong)reader.GetInt64(1)),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)));
        }

        return states;
    }

    public async Task<DateTimeOffset?> GetLatestAcceptedAtAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT MAX(accepted_at_ms) FROM readings";
        return await command.ExecuteScalarAsync(cancellationToken) is long ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;
    }

    public async Task<IReadOnlyList<StoredReading>> GetByDeviceAsync(DeviceId id, DateTimeOffset fromInclusive, DateTimeOffset toExclusive, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT bytes, leaf, accepted_at_ms, epoch FROM readings
            WHERE device_id = $id AND interval_start_ms >= $from AND interval_start_ms < $to
            ORDER BY interval_start_ms, sequence LIMIT $limit
            """;
        command.Parameters.AddWithValue("$id", id.Bytes.ToArray());
        command.Parameters.AddWithValue("$from", fromInclusive.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$to", toExclusive.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$limit", limit);
        var list = new List<StoredReading>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var bytes = (byte[])reader[0];
            var reading = ReadingCodec.TryDecode(SignedReading.Canonical(bytes), out var error)
                ?? throw new InvalidDataException($"Stored reading of {id} does not decode ({error}); the database is corrupt.");
            list.Add(new StoredReading(reading, bytes, (byte[])reader[1], DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)), reader.GetInt64(3)));
        }

        return list;
    }

    public async Task<ReadingLocation?> FindAsync(DeviceId id, ulong sequence, CancellationToken cancellationToken = default)
    {
        await using var connection = database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT epoch, leaf FROM readings WHERE device_id = $id AND sequence = $seq";
        command.Parameters.AddWithValue("$id", id.Bytes.ToArray());
        command.Parameters.AddWithValue("$seq", unchecked((long)sequence));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? new ReadingLocation(reader.GetInt64(0), (byte[])reader[1]) : null;
    }

    public async Task<IReadOnlyList<RegionKindTotal>> GetRegionTotalsAsync(string region, DateTimeOffset fromInclusive, DateTimeOffset toExclusive, CancellationToken cancellationToken = default)
    {
        await using var connection = database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT r.interval_start_ms, d.kind, SUM(r.energy_imported_wh), SUM(r.energy_exported_wh), COUNT(DISTINCT r.device_id)
            FROM devices d JOIN readings r ON r.device_id = d.device_id
            WHERE d.region = $region AND r.interval_start_ms >= $from AND r.interval_start_ms < $to
            GROUP BY r.interval_start_ms, d.kind
            ORDER BY r.interval_start_ms, d.kind
            """;
        command.Parameters.AddWithValue("$region", region);
        command.Parameters.AddWithValue("$from", fromInclusive.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$to", toExclusive.ToUnixTimeMilliseconds());
        var list = new List<RegionKindTotal>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(new RegionKindTotal(
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(0)),
                (DeviceKind)reader.GetInt32(1),
                reader.GetInt64(2),
                reader.GetInt64(3),
                reader.GetInt32(4)));
        }

        return list;
    }

    public async Task<StoreCounts> CountAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT (SELECT COUNT(*) FROM devices), (SELECT COUNT(*) FROM readings), (SELECT COUNT(*) FROM epochs)";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new StoreCounts(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
    }
}
