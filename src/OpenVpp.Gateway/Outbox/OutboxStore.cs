using Microsoft.Data.Sqlite;
using OpenVpp.Core.Readings;

namespace OpenVpp.Gateway.Outbox;

/// <summary>
/// The durable outbox (outbox.db, SQLite in WAL mode with synchronous=FULL): every signed reading is committed here
/// before it is sent, with the per-device sequence counters and the producer cursor in the same transaction, so a
/// crash at any point loses nothing and never reuses a sequence number. Acknowledged rows stay for audit until
/// <see cref="PruneAsync"/> removes them; their counts survive pruning. Times are stored as Unix milliseconds.
/// </summary>
public sealed class OutboxStore : IDisposable, IAsyncDisposable
{
    public const string FileName = "outbox.db";

    private const string CursorKey = "last_interval_start_ms";
    private const string IntervalKey = "interval_ms";

    private const string Schema = """
        CREATE TABLE IF NOT EXISTS outbox (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            device_id TEXT NOT NULL,
            sequence INTEGER NOT NULL,
            interval_start_ms INTEGER NOT NULL,
            bytes BLOB NOT NULL CHECK (length(bytes) = 140),
            created_at INTEGER NOT NULL,
            acked_at INTEGER NULL,
            result TEXT NULL,
            UNIQUE (device_id, sequence));
        CREATE INDEX IF NOT EXISTS ix_outbox_pending ON outbox (id) WHERE acked_at IS NULL;
        CREATE INDEX IF NOT EXISTS ix_outbox_acked ON outbox (acked_at) WHERE acked_at IS NOT NULL;
        CREATE TABLE IF NOT EXISTS device_sequence (device_id TEXT PRIMARY KEY, next_sequence INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS producer_state (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS pruned_totals (result TEXT PRIMARY KEY, count INTEGER NOT NULL);
        """;

    private readonly SqliteConnection _connection;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _gate = new(1, 1);

    private OutboxStore(SqliteConnection connection, TimeProvider time)
    {
        _connection = connection;
        _time = time;
    }

    public string Path => _connection.DataSource;

    /// <summary>Opens (creating when missing) the outbox at <paramref name="path"/>.</summary>
    public static OutboxStore Open(string path, TimeProvider? time = null)
    {
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            // One long-lived connection; no pool, so disposing the store really closes the file.
            Pooling = false,
            DefaultTimeout = 30,
        };
        var connection = new SqliteConnection(builder.ToString());
        try
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA busy_timeout = 5000; " + Schema;
            command.ExecuteNonQuery();
        }
        catch
        {
            connection.Dispose();
            throw;
        }

        return new OutboxStore(connection, time ?? TimeProvider.System);
    }

    /// <summary>Where production stopped, to resume the sequence numbers and the adapters after a restart.</summary>
    public async Task<ProducerCursor> ReadCursorAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            long? last = null;
            long? interval = null;
            using (var command = _connection.CreateCommand())
            {
                command.CommandText = "SELECT key, value FROM producer_state";
                using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    switch (reader.GetString(0))
                    {
                        case CursorKey: last = reader.GetInt64(1); break;
                        case IntervalKey: interval = reader.GetInt64(1); break;
                    }
                }
            }

            var sequences = new Dictionary<string, ulong>(StringComparer.Ordinal);
            using (var command = _connection.CreateCommand())
            {
                command.CommandText = "SELECT device_id, next_sequence FROM device_sequence";
                using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    sequences[reader.GetString(0)] = (ulong)reader.GetInt64(1);
                }
            }

            return new ProducerCursor(
                last is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null,
                interval is { } i ? TimeSpan.FromMilliseconds(i) : null,
                sequences);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Commits one interval's signed readings for all devices, the devices' next sequence numbers and the producer
    /// cursor in one transaction. Throws when a (device, sequence) pair was already written: that would be two
    /// different readings under one sequence number.
    /// </summary>
    public async Task AppendIntervalAsync(DateTimeOffset intervalStart, TimeSpan interval, IReadOnlyList<OutboxEntry> entries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        foreach (var entry in entries)
        {
            if (entry.SignedBytes.Length != SignedReading.Length)
            {
                throw new ArgumentException($"A signed reading is {SignedReading.Length} bytes, got {entry.SignedBytes.Length}.", nameof(entries));
            }
        }

        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var transaction = _connection.BeginTransaction();
            using (var insert = _connection.CreateCommand())
            using (var sequence = _connection.CreateCommand())
            {
                insert.Transaction = transaction;
                insert.CommandText = """
                    INSERT INTO outbox (device_id, sequence, interval_start_ms, bytes, created_at)
                    VALUES ($device, $sequence, $start, $bytes, $now)
                    """;
                var device = insert.Parameters.Add("$device", SqliteType.Text);
                var seq = insert.Parameters.Add("$sequence", SqliteType.Integer);
                var start = insert.Parameters.Add("$start", SqliteType.Integer);
                var bytes = insert.Parameters.Add("$bytes", SqliteType.Blob);
                insert.Parameters.AddWithValue("$now", now);

                sequence.Transaction = transaction;
                sequence.CommandText = """
                    INSERT INTO device_sequence (device_id, next_sequence) VALUES ($device, $next)
                    ON CONFLICT (device_id) DO UPDATE SET next_sequence = max(next_sequence, excluded.next_sequence)
                    """;
                var seqDevice = sequence.Parameters.Add("$device", SqliteType.Text);
                var next = sequence.Parameters.Add("$next", SqliteType.Integer);

                foreach (var entry in entries)
                {
                    var id = entry.DeviceId.ToString();
                    device.Value = id;
                    seq.Value = checked((long)entry.Sequence);
                    start.Value = entry.IntervalStart.ToUnixTimeMilliseconds();
                    bytes.Value = entry.SignedBytes;
                    await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);

                    seqDevice.Value = id;
                    next.Value = checked((long)entry.Sequence + 1);
                    await sequence.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }
            }

            using (var state = _connection.CreateCommand())
            {
                state.Transaction = transaction;
                state.CommandText = """
                    INSERT INTO producer_state (key, value) VALUES ($cursorKey, $cursor), ($intervalKey, $interval)
                    ON CONFLICT (key) DO UPDATE SET value = excluded.value
                    """;
                state.Parameters.AddWithValue("$cursorKey", CursorKey);
                state.Parameters.AddWithValue("$cursor", intervalStart.ToUnixTimeMilliseconds());
                state.Parameters.AddWithValue("$intervalKey", IntervalKey);
                state.Parameters.AddWithValue("$interval", (long)interval.TotalMilliseconds);
                await state.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The oldest unacknowledged readings with an id above <paramref name="afterId"/>, in id order.</summary>
    public async Task<IReadOnlyList<PendingReading>> ReadPendingAsync(long afterId, int limit, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var command = _connection.CreateCommand();
            command.CommandText = """
                SELECT id, device_id, sequence, interval_start_ms, bytes FROM outbox
                WHERE acked_at IS NULL AND id > $after ORDER BY id LIMIT $limit
                """;
            command.Parameters.AddWithValue("$after", afterId);
            command.Parameters.AddWithValue("$limit", limit);
            var rows = new List<PendingReading>();
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                rows.Add(new PendingReading(
                    reader.GetInt64(0),
                    reader.GetString(1),
                    (ulong)reader.GetInt64(2),
                    DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3)),
                    (byte[])reader.GetValue(4)));
            }

            return rows;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Every row still in the outbox (acknowledged or not) in id order, for audits after a run.</summary>
    public async Task<IReadOnlyList<OutboxRow>> ReadAllAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "SELECT id, device_id, sequence, bytes, result, acked_at IS NOT NULL FROM outbox ORDER BY id";
            var rows = new List<OutboxRow>();
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                rows.Add(new OutboxRow(
                    reader.GetInt64(0),
                    reader.GetString(1),
                    (ulong)reader.GetInt64(2),
                    (byte[])reader.GetValue(3),
                    reader.IsDBNull(4) ? null : reader.GetString(4),
                    reader.GetBoolean(5)));
            }

            return rows;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Records upload outcomes in one transaction: final ones are acknowledged, others only annotated.</summary>
    public async Task RecordOutcomesAsync(IReadOnlyList<OutboxOutcome> outcomes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var transaction = _connection.BeginTransaction();
            using var command = _connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = """
                UPDATE outbox SET result = $result, acked_at = CASE WHEN $final THEN $now ELSE NULL END
                WHERE id = $id AND acked_at IS NULL
                """;
            var id = command.Parameters.Add("$id", SqliteType.Integer);
            var result = command.Parameters.Add("$result", SqliteType.Text);
            var final = command.Parameters.Add("$final", SqliteType.Integer);
            command.Parameters.AddWithValue("$now", now);
            foreach (var outcome in outcomes)
            {
                id.Value = outcome.Id;
                result.Value = outcome.Result;
                final.Value = outcome.Final ? 1 : 0;
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Deletes acknowledged rows older than <paramref name="ackedBefore"/>, keeping their counts; returns how many.</summary>
    public async Task<int> PruneAsync(DateTimeOffset ackedBefore, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var transaction = _connection.BeginTransaction();
            using var command = _connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = """
                INSERT INTO pruned_totals (result, count)
                SELECT result, count(*) FROM outbox WHERE acked_at IS NOT NULL AND acked_at < $cutoff GROUP BY result
                ON CONFLICT (result) DO UPDATE SET count = pruned_totals.count + excluded.count;
                DELETE FROM outbox WHERE acked_at IS NOT NULL AND acked_at < $cutoff;
                """;
            command.Parameters.AddWithValue("$cutoff", ackedBefore.ToUnixTimeMilliseconds());
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            using var changes = _connection.CreateCommand();
            changes.Transaction = transaction;
            changes.CommandText = "SELECT changes()";
            var deleted = Convert.ToInt32(await changes.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return deleted;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Number of readings waiting for the node.</summary>
    public async Task<long> CountPendingAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "SELECT count(*) FROM outbox WHERE acked_at IS NULL";
            return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Totals for status reports: produced, delivered, pending and rejected by reason.</summary>
    public async Task<OutboxCounts> CountAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            long pending = 0;
            var byResult = new Dictionary<string, long>(StringComparer.Ordinal);
            using (var command = _connection.CreateCommand())
            {
                command.CommandText = """
                    SELECT acked_at IS NULL, result, count(*) FROM outbox GROUP BY acked_at IS NULL, result
                    UNION ALL
                    SELECT 0, result, count FROM pruned_totals
                    """;
                using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    var count = reader.GetInt64(2);
                    if (reader.GetInt64(0) == 1)
                    {
                        pending += count;
                        continue;
                    }

                    var result = reader.IsDBNull(1) ? "unknown" : reader.GetString(1);
                    byResult[result] = byResult.GetValueOrDefault(result) + count;
                }
            }

            var delivered = byResult.Where(kv => OutboxResults.IsDelivered(kv.Key)).Sum(kv => kv.Value);
            var rejected = byResult.Where(kv => !OutboxResults.IsDelivered(kv.Key)).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
            DateTimeOffset? last = null;
            using (var command = _connection.CreateCommand())
            {
                command.CommandText = "SELECT value FROM producer_state WHERE key = $key";
                command.Parameters.AddWithValue("$key", CursorKey);
                if (await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long ms)
                {
                    last = DateTimeOffset.FromUnixTimeMilliseconds(ms);
                }
            }

            return new OutboxCounts(delivered + pending + rejected.Values.Sum(), delivered, pending, rejected, last);
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose()
    {
        _connection.Dispose();
        _gate.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        await _connection.DisposeAsync().ConfigureAwait(false);
        _gate.Dispose();
    }
}
