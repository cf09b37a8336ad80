using Microsoft.Data.Sqlite;

namespace OpenVpp.Storage.Sqlite;

/// <summary>
/// The node's embedded store: one SQLite file in WAL mode. Every connection gets synchronous=FULL (a commit is on disk
/// before it returns, so readings are acknowledged only when durable) and a busy timeout so concurrent writers wait.
/// </summary>
public sealed class SqliteDatabase
{
    public const string FileName = "node.db";
    private const int BusyTimeoutMs = 10_000;

    public SqliteDatabase(string dataDir)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDir);
        Directory.CreateDirectory(dataDir);
        Path = System.IO.Path.Combine(dataDir, FileName);
        ConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = BusyTimeoutMs / 1000,
        }.ToString();
    }

    public string Path { get; }

    public string ConnectionString { get; }

    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        using var pragma = connection.CreateCommand();
        pragma.CommandText = $"PRAGMA synchronous=FULL; PRAGMA busy_timeout={BusyTimeoutMs}; PRAGMA foreign_keys=ON;";
        pragma.ExecuteNonQuery();
        return connection;
    }

    /// <summary>Switches to WAL and brings the schema to the current version.</summary>
    public void Initialise()
    {
        using var connection = Open();
        using (var wal = connection.CreateCommand())
        {
            wal.CommandText = "PRAGMA journal_mode=WAL;";
            var mode = wal.ExecuteScalar() as string;
            if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException($"SQLite at '{Path}' refused WAL mode (got '{mode}'); use a local file system that supports shared memory.");
            }
        }

        SqliteMigrations.Apply(connection);
    }
}
