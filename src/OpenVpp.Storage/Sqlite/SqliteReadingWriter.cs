using Microsoft.Data.Sqlite;
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
    private readonly SqliteCommand _find;
    private readonly SqliteCommand _insert;
    private readonly SqliteParameter[] _insertParameters;
    private readonly SqliteParameter _findDevice;
    private readonly SqliteParameter _findSequence;

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

        _find = _connection.CreateCommand();
        _find.CommandText = "SELECT bytes FROM readings WHERE device_id = $d AND sequence = $s";
        _findDevice = _find.Parameters.Add("$d", SqliteType.Blob);
        _findSequence = _find.Parameters.Add("$s", SqliteType.Integer);

        _insert = _connection.CreateCommand();
        _insert.CommandText = """
            INSERT INTO readings (device_id, sequence, interval_start_ms, interval_end_ms, energy_imported_wh, energy_exported_wh,
                average_power_w, peak_power_w, soc_bp, soh_bp, flags, accepted_at_ms, epoch, leaf, bytes)
            VALUES ($p0, $p1, $p2, $p3, $p4, $p5, $p6, $p7, $p8, $p9, $p10, $p11, $p12, $p13, $p14)
            """;
        _insertParameters = new SqliteParameter[15];
        for (var i = 0; i < _insertParameters.Length; i++)
        {
            _insertParameters[i] = _insert.Parameters.Add("$p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), SqliteType.Integer);
        }

        _insertParameters[0].SqliteType = SqliteType.Blob;
        _insertParameters[13].SqliteType = SqliteType.Blob;
        _insertParameters[14].SqliteType = SqliteType.Blob;
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
        _connection.Dispose();
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
            writer._find.Transaction = transaction;
            writer._insert.Transaction = transaction;
        }

        public byte[]? FindSignedBytes(DeviceId id, ulong sequence)
        {
            _writer._findDevice.Value = id.Bytes.ToArray();
            _writer._findSequence.Value = unchecked((long)sequence);
            return _writer._find.ExecuteScalar() as byte[];
        }

        public void Insert(StoredReading reading)
        {
            ArgumentNullException.ThrowIfNull(reading);
            var r = reading.Reading;
            var p = _writer._insertParameters;
            p[0].Value = r.DeviceId.Bytes.ToArray();
            p[1].Value = unchecked((long)r.Sequence);
            p[2].Value = r.IntervalStart.ToUnixTimeMilliseconds();
            p[3].Value = r.IntervalEnd.ToUnixTimeMilliseconds();
            p[4].Value = r.EnergyImportedWh;
            p[5].Value = r.EnergyExportedWh;
            p[6].Value = r.AveragePowerW;
            p[7].Value = r.PeakPowerW;
            p[8].Value = r.StateOfChargeBp is { } soc ? soc : DBNull.Value;
            p[9].Value = r.StateOfHealthBp is { } soh ? soh : DBNull.Value;
            p[10].Value = (int)r.Flags;
            p[11].Value = reading.AcceptedAt.ToUnixTimeMilliseconds();
            p[12].Value = reading.Epoch;
            p[13].Value = reading.Leaf;
            p[14].Value = reading.SignedBytes;
            _writer._insert.ExecuteNonQuery();
        }

        public void Commit() => _transaction.Commit();

        public void Dispose()
        {
            _writer._find.Transaction = null;
            _writer._insert.Transaction = null;
            _transaction.Dispose();
        }
    }
}
