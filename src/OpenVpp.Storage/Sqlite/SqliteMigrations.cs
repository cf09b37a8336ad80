using Microsoft.Data.Sqlite;

namespace OpenVpp.Storage.Sqlite;

/// <summary>Schema versions, tracked in PRAGMA user_version; each step runs once, in its own transaction.</summary>
internal static class SqliteMigrations
{
    private static readonly string[] Steps =
    [
        """
        CREATE TABLE devices (
            device_id BLOB PRIMARY KEY,
            public_key BLOB NOT NULL,
            owner TEXT NOT NULL,
            kind INTEGER NOT NULL,
            nameplate_power_w INTEGER NOT NULL,
            capacity_wh INTEGER NOT NULL,
            region TEXT NOT NULL,
            site TEXT NOT NULL,
            registered_at_ms INTEGER NOT NULL);
        CREATE INDEX ix_devices_region_kind ON devices (region, kind);
        CREATE TABLE readings (
            device_id BLOB NOT NULL,
            sequence INTEGER NOT NULL,
            interval_start_ms INTEGER NOT NULL,
            interval_end_ms INTEGER NOT NULL,
            energy_imported_wh INTEGER NOT NULL,
            energy_exported_wh INTEGER NOT NULL,
            average_power_w INTEGER NOT NULL,
            peak_power_w INTEGER NOT NULL,
            soc_bp INTEGER,
            soh_bp INTEGER,
            flags INTEGER NOT NULL,
            accepted_at_ms INTEGER NOT NULL,
            epoch INTEGER NOT NULL,
            leaf BLOB NOT NULL,
            bytes BLOB NOT NULL,
            PRIMARY KEY (device_id, sequence)) WITHOUT ROWID;
        CREATE INDEX ix_readings_epoch ON readings (epoch);
        CREATE TABLE epochs (
            epoch INTEGER PRIMARY KEY,
            start_ms INTEGER NOT NULL,
            end_ms INTEGER NOT NULL,
            reading_count INTEGER NOT NULL,
            root BLOB NOT NULL,
            sealed_at_ms INTEGER NOT NULL);
        CREATE TABLE settings (
            key TEXT PRIMARY KEY,
            value INTEGER NOT NULL);
        """,
    ];

    public static int CurrentVersion => Steps.Length;

    public static void Apply(SqliteConnection connection)
    {
        var version = ReadVersion(connection);
        if (version > Steps.Length)
        {
            throw new InvalidOperationException(
                $"The database has schema version {version}, newer than this node's {Steps.Length}; run a newer node or restore a backup.");
        }

        for (var step = version; step < Steps.Length; step++)
        {
            using var transaction = connection.BeginTransaction();
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = Steps[step] + $"\nPRAGMA user_version = {step + 1};";
            command.ExecuteNonQuery();
            transaction.Commit();
        }
    }

    private static int ReadVersion(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA user_version;";
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
