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
        // Issue 3: the value layer. Readings rejected as implausible are kept as signed evidence because they cost
        // their device its epoch reward; the chain tables are the indexer's and the rewards oracle's state.
        """
        ALTER TABLE devices ADD COLUMN active INTEGER NOT NULL DEFAULT 1;
        ALTER TABLE devices ADD COLUMN chain_block INTEGER;
        CREATE TABLE implausible_readings (
            device_id BLOB NOT NULL,
            sequence INTEGER NOT NULL,
            epoch INTEGER NOT NULL,
            rejected_at_ms INTEGER NOT NULL,
            bytes BLOB NOT NULL,
            PRIMARY KEY (device_id, sequence)) WITHOUT ROWID;
        CREATE INDEX ix_implausible_epoch ON implausible_readings (epoch);
        CREATE TABLE chain_blocks (
            number INTEGER PRIMARY KEY,
            hash BLOB NOT NULL);
        CREATE TABLE chain_epochs (
            epoch INTEGER PRIMARY KEY,
            data_root BLOB NOT NULL,
            reward_root BLOB NOT NULL,
            reward TEXT NOT NULL,
            tx_hash BLOB NOT NULL,
            block INTEGER NOT NULL,
            disputed INTEGER NOT NULL DEFAULT 0);
        CREATE TABLE chain_claims (
            tx_hash BLOB NOT NULL,
            log_index INTEGER NOT NULL,
            block INTEGER NOT NULL,
            account BLOB NOT NULL,
            amount TEXT NOT NULL,
            PRIMARY KEY (tx_hash, log_index));
        CREATE INDEX ix_chain_claims_account ON chain_claims (account);
        CREATE TABLE epoch_rewards (
            epoch INTEGER PRIMARY KEY,
            reward_root BLOB NOT NULL,
            issued TEXT NOT NULL,
            computation TEXT NOT NULL,
            commit_tx BLOB,
            commit_gas INTEGER);
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
