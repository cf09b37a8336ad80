using Microsoft.Data.Sqlite;
using SQLitePCL;
using OpenVpp.Core.Devices;

namespace OpenVpp.Storage.Sqlite;

/// <summary>
/// The single writer: one long-lived connection with its insert and look-up commands prepared once. WAL checkpoints
/// run on a timer on their own connection rather than inside a commit, so copying pages into the database file
/// never stalls ingest while the writer holds its lock.
/// </summary>
public sealed class SqliteReadingWriter : IReadingWriter
{
    private static readonly TimeSpan CheckpointEvery = TimeSpan.FromSeconds(1);

    private readonly SqliteConnection _connection;
    private readonly SqliteConnection _checkpointConnection;
    private readonly Timer _checkpointTimer;
    private readonly sqlite3_stmt _find;
    private readonly sqlite3_stmt _insert;
    private readonly sqlite3_stmt _implausible;

    public SqliteReadingWriter(SqliteDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _connection = database.Open();
        using (var pragma = _connection.CreateCommand())
        {
            // A large page cache keeps the primary-key B-tree hot; checkpoints are the timer's job.
            pragma.CommandText = "PRAGMA cache_size=-131072; PRAGMA wal_autocheckpoint=0; PRAGMA temp_store=MEMORY;";
            pragma.ExecuteNonQuery();
        }

        _checkpointConnection = database.Open();
        _checkpointTimer = new Timer(_ => Checkpoint(), null, CheckpointEvery, CheckpointEvery);

        // The hot statements are prepared once on the writer's own handle and bound by index: no parameter objects,
        // no boxing, no name look-ups per row. They run inside the transaction Begin opens on the same connection.
        _find = Prepare("SELECT bytes FROM readings WHERE device_id = ?1 AND sequence = ?2");
        _insert = Prepare("""
            INSERT INTO readings (device_id, sequence, interval_start_ms, interval_end_ms, energy_imported_wh, energy_exported_wh,
                average_power_w, peak_power_w, soc_bp, soh_bp, flags, accepted_at_ms, epoch, leaf, bytes)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)
            """);
        _implausible = Prepare("INSERT OR IGNORE INTO implausible_readings (device_id, sequence, epoch, rejected_at_ms, bytes) VALUES (?1, ?2, ?3, ?4, ?5)");
    }

    public IReadingWriteBatch Begin() => new Batch(this, _connection.BeginTransaction(deferred: false));

    public void Dispose()
    {
        _checkpointTimer.Dispose();
        lock (_checkpointConnection)
        {
            Checkpoint();
            _checkpointConnection.Dispose();
        }

        _find.Dispose();
        _insert.Dispose();
        _implausible.Dispose();
        _connection.Dispose();
    }

    private sqlite3_stmt Prepare(string sql)
    {
        Check(raw.sqlite3_prepare_v2(_connection.Handle, sql, out var statement));
        return statement;
    }

    private void Check(int rc)
    {
        if (rc is not (raw.SQLITE_OK or raw.SQLITE_ROW or raw.SQLITE_DONE))
        {
            throw new SqliteException(raw.sqlite3_errmsg(_connection.Handle).utf8_to_string(), rc, raw.sqlite3_extended_errcode(_connection.Handle));
        }
    }

    private void Checkpoint()
    {
        lock (_checkpointConnection)
        {
            if (_checkpointConnection.State != System.Data.ConnectionState.Open)
            {
                return;
            }

            try
            {
                using var command = _checkpointConnection.CreateCommand();
                // PASSIVE never blocks the writer; frames it cannot copy yet are copied next time.
                command.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
                command.ExecuteNonQuery();
            }
            catch (SqliteException)
            {
                // A busy database only postpones the checkpoint to the next tick.
            }
        }
    }

    private sealed class Batch : IReadingWriteBatch
    {
        private readonly SqliteReadingWriter _writer;
        private readonly SqliteTransaction _transaction;

        public Batch(SqliteReadingWriter writer, SqliteTransaction transaction)
        {
            _writer = writer;
            _transaction = transaction;
        }

        public byte[]? FindSignedBytes(DeviceId id, ulong sequence)
        {
            var find = _writer._find;
            try
            {
                _writer.Check(raw.sqlite3_bind_blob(find, 1, id.Bytes));
                _writer.Check(raw.sqlite3_bind_int64(find, 2, unchecked((long)sequence)));
                var rc = raw.sqlite3_step(find);
                _writer.Check(rc);
                return rc == raw.SQLITE_ROW ? raw.sqlite3_column_blob(find, 0).ToArray() : null;
            }
            finally
            {
                raw.sqlite3_reset(find);
            }
        }

        public void Insert(StoredReading reading)
        {
            ArgumentNullException.ThrowIfNull(reading);
            var r = reading.Reading;
            var insert = _writer._insert;
            try
            {
                _writer.Check(raw.sqlite3_bind_blob(insert, 1, r.DeviceId.Bytes));
                _writer.Check(raw.sqlite3_bind_int64(insert, 2, unchecked((long)r.Sequence)));
                _writer.Check(raw.sqlite3_bind_int64(insert, 3, r.IntervalStart.ToUnixTimeMilliseconds()));
                _writer.Check(raw.sqlite3_bind_int64(insert, 4, r.IntervalEnd.ToUnixTimeMilliseconds()));
                _writer.Check(raw.sqlite3_bind_int64(insert, 5, r.EnergyImportedWh));
                _writer.Check(raw.sqlite3_bind_int64(insert, 6, r.EnergyExportedWh));
                _writer.Check(raw.sqlite3_bind_int64(insert, 7, r.AveragePowerW));
                _writer.Check(raw.sqlite3_bind_int64(insert, 8, r.PeakPowerW));
                _writer.Check(r.StateOfChargeBp is { } soc ? raw.sqlite3_bind_int64(insert, 9, soc) : raw.sqlite3_bind_null(insert, 9));
                _writer.Check(r.StateOfHealthBp is { } soh ? raw.sqlite3_bind_int64(insert, 10, soh) : raw.sqlite3_bind_null(insert, 10));
                _writer.Check(raw.sqlite3_bind_int64(insert, 11, (int)r.Flags));
                _writer.Check(raw.sqlite3_bind_int64(insert, 12, reading.AcceptedAt.ToUnixTimeMilliseconds()));
                _writer.Check(raw.sqlite3_bind_int64(insert, 13, reading.Epoch));
                _writer.Check(raw.sqlite3_bind_blob(insert, 14, reading.Leaf));
                _writer.Check(raw.sqlite3_bind_blob(insert, 15, reading.SignedBytes));
                _writer.Check(raw.sqlite3_step(insert));
            }
            finally
            {
                raw.sqlite3_reset(insert);
            }
        }

        public void RecordImplausible(DeviceId id, ulong sequence, long epoch, DateTimeOffset rejectedAt, byte[] signedBytes)
        {
            ArgumentNullException.ThrowIfNull(signedBytes);
            var insert = _writer._implausible;
            try
            {
                _writer.Check(raw.sqlite3_bind_blob(insert, 1, id.Bytes));
                _writer.Check(raw.sqlite3_bind_int64(insert, 2, unchecked((long)sequence)));
                _writer.Check(raw.sqlite3_bind_int64(insert, 3, epoch));
                _writer.Check(raw.sqlite3_bind_int64(insert, 4, rejectedAt.ToUnixTimeMilliseconds()));
                _writer.Check(raw.sqlite3_bind_blob(insert, 5, signedBytes));
                _writer.Check(raw.sqlite3_step(insert));
            }
            finally
            {
                raw.sqlite3_reset(insert);
            }
        }

        public void Commit() => _transaction.Commit();

        public void Dispose() => _transaction.Dispose();
    }
}
