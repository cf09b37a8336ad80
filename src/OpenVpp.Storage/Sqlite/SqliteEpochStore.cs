using Microsoft.Data.Sqlite;

namespace OpenVpp.Storage.Sqlite;

public sealed class SqliteEpochStore(SqliteDatabase database) : IEpochStore
{
    private const string Columns = "epoch, start_ms, end_ms, reading_count, root, sealed_at_ms";

    public async Task<long?> GetLastSealedAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT MAX(epoch) FROM epochs";
        return await command.ExecuteScalarAsync(cancellationToken) is long index ? index : null;
    }

    public async Task SaveAsync(IReadOnlyList<EpochRecord> epochs, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(epochs);
        await using var connection = database.Open();
        await using var transaction = connection.BeginTransaction(deferred: false);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"INSERT INTO epochs ({Columns}) VALUES ($i, $s, $e, $n, $root, $at)";
        foreach (var epoch in epochs)
        {
            command.Parameters.Clear();
            command.Parameters.AddWithValue("$i", epoch.Index);
            command.Parameters.AddWithValue("$s", epoch.Start.ToUnixTimeMilliseconds());
            command.Parameters.AddWithValue("$e", epoch.End.ToUnixTimeMilliseconds());
            command.Parameters.AddWithValue("$n", epoch.ReadingCount);
            command.Parameters.AddWithValue("$root", epoch.Root);
            command.Parameters.AddWithValue("$at", epoch.SealedAt.ToUnixTimeMilliseconds());
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<EpochRecord?> GetAsync(long index, CancellationToken cancellationToken = default)
    {
        await using var connection = database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM epochs WHERE epoch = $i";
        command.Parameters.AddWithValue("$i", index);
        var list = await ReadEpochsAsync(command, cancellationToken);
        return list.Count == 0 ? null : list[0];
    }

    public async Task<IReadOnlyList<EpochRecord>> ListAsync(int offset, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM epochs ORDER BY epoch DESC LIMIT $limit OFFSET $offset";
        command.Parameters.AddWithValue("$limit", limit);
        command.Parameters.AddWithValue("$offset", offset);
        return await ReadEpochsAsync(command, cancellationToken);
    }

    public Task<IReadOnlyList<byte[]>> GetLeavesAsync(long index, CancellationToken cancellationToken = default) =>
        ReadBlobsAsync("SELECT leaf FROM readings WHERE epoch = $i", index, cancellationToken);

    public Task<IReadOnlyList<byte[]>> GetSignedReadingsAsync(long index, CancellationToken cancellationToken = default) =>
        ReadBlobsAsync("SELECT bytes FROM readings WHERE epoch = $i ORDER BY accepted_at_ms, device_id, sequence", index, cancellationToken);

    public Task<IReadOnlyList<byte[]>> GetImplausibleReadingsAsync(long index, CancellationToken cancellationToken = default) =>
        ReadBlobsAsync("SELECT bytes FROM implausible_readings WHERE epoch = $i ORDER BY device_id, sequence", index, cancellationToken);

    public async Task<long?> GetSettingAsync(string key, CancellationToken cancellationToken = default)
    {
        await using var connection = database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT value FROM settings WHERE key = $k";
        command.Parameters.AddWithValue("$k", key);
        return await command.ExecuteScalarAsync(cancellationToken) is long value ? value : null;
    }

    public async Task SetSettingAsync(string key, long value, CancellationToken cancellationToken = default)
    {
        await using var connection = database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO settings (key, value) VALUES ($k, $v) ON CONFLICT (key) DO UPDATE SET value = excluded.value";
        command.Parameters.AddWithValue("$k", key);
        command.Parameters.AddWithValue("$v", value);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<IReadOnlyList<byte[]>> ReadBlobsAsync(string sql, long index, CancellationToken cancellationToken)
    {
        await using var connection = database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$i", index);
        var list = new List<byte[]>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add((byte[])reader[0]);
        }

        return list;
    }

    private static async Task<IReadOnlyList<EpochRecord>> ReadEpochsAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        var list = new List<EpochRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(new EpochRecord(
                reader.GetInt64(0),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)),
                reader.GetInt32(3),
                (byte[])reader[4],
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(5))));
        }

        return list;
    }
}
