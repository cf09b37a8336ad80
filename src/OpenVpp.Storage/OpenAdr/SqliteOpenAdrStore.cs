using Microsoft.Data.Sqlite;

namespace OpenVpp.Storage.OpenAdr;

/// <summary>
/// The VTN's store: its own SQLite file (WAL, synchronous=FULL, so a 201 is answered only once the object is on disk)
/// beside the node's. Objects are JSON documents with the few columns the API filters on; clients and tokens are
/// kept hashed. One writer at a time, through a lock: VTN writes are operator-paced, not ingest-paced.
/// </summary>
public sealed class SqliteOpenAdrStore
{
    public const string FileName = "openadr.db";

    private const string Schema = """
        CREATE TABLE IF NOT EXISTS clients (
            client_id TEXT PRIMARY KEY, role INTEGER NOT NULL, scopes TEXT NOT NULL,
            salt BLOB NOT NULL, secret_hash BLOB NOT NULL, created_ms INTEGER NOT NULL, revoked INTEGER NOT NULL DEFAULT 0);
        CREATE TABLE IF NOT EXISTS tokens (
            token_hash BLOB PRIMARY KEY, client_id TEXT NOT NULL, scopes TEXT NOT NULL, expires_ms INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS objects (
            seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, object_type TEXT NOT NULL,
            program_id TEXT, name TEXT, client_id TEXT, ven_id TEXT, body TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS ix_objects_type ON objects (object_type, seq);
        """;

    private readonly string _connectionString;
    private readonly Lock _gate = new();

    public SqliteOpenAdrStore(string dataDir)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDir);
        Directory.CreateDirectory(dataDir);
        Path = System.IO.Path.Combine(dataDir, FileName);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = Path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = true }.ToString();
        using var connection = Open();
        Execute(connection, "PRAGMA journal_mode=WAL;");
        Execute(connection, Schema);
    }

    public string Path { get; }

    public void AddClient(OpenAdrClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        Write(connection => Execute(
            connection,
            "INSERT INTO clients (client_id, role, scopes, salt, secret_hash, created_ms) VALUES ($id, $role, $scopes, $salt, $hash, $created)",
            ("$id", client.ClientId), ("$role", (int)client.Role), ("$scopes", string.Join(' ', client.Scopes)),
            ("$salt", client.SecretSalt), ("$hash", client.SecretHash), ("$created", client.CreatedAt.ToUnixTimeMilliseconds())));
    }

    public OpenAdrClient? FindClient(string clientId) => ReadClients("WHERE client_id = $id", ("$id", clientId)).SingleOrDefault();

    public IReadOnlyList<OpenAdrClient> ListClients() => ReadClients("ORDER BY created_ms, client_id");

    /// <summary>Revokes a client and every token it holds; false when there is no such client.</summary>
    public bool RevokeClient(string clientId) => Write(connection =>
    {
        Execute(connection, "DELETE FROM tokens WHERE client_id = $id", ("$id", clientId));
        return Execute(connection, "UPDATE clients SET revoked = 1 WHERE client_id = $id AND revoked = 0", ("$id", clientId)) == 1;
    });

    public void AddToken(OpenAdrToken token, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(token);
        Write(connection =>
        {
            // Expired tokens are dropped as new ones come, so the table stays the size of the live ones.
            Execute(connection, "DELETE FROM tokens WHERE expires_ms <= $now", ("$now", now.ToUnixTimeMilliseconds()));
            return Execute(
                connection,
                "INSERT INTO tokens (token_hash, client_id, scopes, expires_ms) VALUES ($hash, $client, $scopes, $expires)",
                ("$hash", token.TokenHash), ("$client", token.ClientId), ("$scopes", string.Join(' ', token.Scopes)), ("$expires", token.ExpiresAt.ToUnixTimeMilliseconds()));
        });
    }

    public OpenAdrToken? FindToken(byte[] tokenHash)
    {
        using var connection = Open();
        using var command = Command(connection, "SELECT client_id, scopes, expires_ms FROM tokens WHERE token_hash = $hash", ("$hash", tokenHash));
        using var reader = command.ExecuteReader();
        return reader.Read()
            ? new OpenAdrToken(tokenHash, reader.GetString(0), Split(reader.GetString(1)), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)))
            : null;
    }

    public void Insert(OpenAdrObject item) => Write(connection => Execute(
        connection,
        "INSERT INTO objects (id, object_type, program_id, name, client_id, ven_id, body) VALUES ($id, $type, $program, $name, $client, $ven, $body)",
        Parameters(item)));

    public bool Update(OpenAdrObject item) => Write(connection => Execute(
        connection,
        "UPDATE objects SET program_id = $program, name = $name, client_id = $client, ven_id = $ven, body = $body WHERE id = $id AND object_type = $type",
        Parameters(item)) == 1);

    public bool Delete(string objectType, string id) => Write(connection =>
        Execute(connection, "DELETE FROM objects WHERE id = $id AND object_type = $type", ("$id", id), ("$type", objectType)) == 1);

    public OpenAdrObject? Get(string objectType, string id) =>
        ReadObjects("WHERE object_type = $type AND id = $id", ("$type", objectType), ("$id", id)).SingleOrDefault();

    /// <summary>Objects of a type in creation order, optionally only those of one program, name, client or ven.</summary>
    public IReadOnlyList<OpenAdrObject> List(string objectType, string? programId = null, string? name = null, string? clientId = null, string? venId = null) =>
        ReadObjects(
            "WHERE object_type = $type AND ($program IS NULL OR program_id = $program) AND ($name IS NULL OR name = $name) " +
            "AND ($client IS NULL OR client_id = $client) AND ($ven IS NULL OR ven_id = $ven) ORDER BY seq",
            ("$type", objectType), ("$program", programId), ("$name", name), ("$client", clientId), ("$ven", venId));

    private static (string, object?)[] Parameters(OpenAdrObject item) =>
        [("$id", item.Id), ("$type", item.ObjectType), ("$program", item.ProgramId), ("$name", item.Name), ("$client", item.ClientId), ("$ven", item.VenId), ("$body", item.Body)];

    private List<OpenAdrClient> ReadClients(string where, params (string, object?)[] parameters)
    {
        using var connection = Open();
        using var command = Command(connection, $"SELECT client_id, role, scopes, salt, secret_hash, created_ms, revoked FROM clients {where}", parameters);
        using var reader = command.ExecuteReader();
        var clients = new List<OpenAdrClient>();
        while (reader.Read())
        {
            clients.Add(new OpenAdrClient(
                reader.GetString(0), (OpenAdrRole)reader.GetInt32(1), Split(reader.GetString(2)), (byte[])reader[3], (byte[])reader[4],
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(5)), reader.GetInt32(6) != 0));
        }

        return clients;
    }

    private List<OpenAdrObject> ReadObjects(string where, params (string, object?)[] parameters)
    {
        using var connection = Open();
        using var command = Command(connection, $"SELECT id, object_type, program_id, name, client_id, ven_id, body, seq FROM objects {where}", parameters);
        using var reader = command.ExecuteReader();
        var items = new List<OpenAdrObject>();
        while (reader.Read())
        {
            items.Add(new OpenAdrObject(
                reader.GetString(0), reader.GetString(1), Nullable(reader, 2), Nullable(reader, 3), Nullable(reader, 4), Nullable(reader, 5), reader.GetString(6), reader.GetInt64(7)));
        }

        return items;
    }

    private T Write<T>(Func<SqliteConnection, T> write)
    {
        lock (_gate)
        {
            using var connection = Open();
            Execute(connection, "BEGIN IMMEDIATE;");
            try
            {
                var result = write(connection);
                Execute(connection, "COMMIT;");
                return result;
            }
            catch
            {
                Execute(connection, "ROLLBACK;");
                throw;
            }
        }
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        Execute(connection, "PRAGMA synchronous=FULL; PRAGMA busy_timeout=10000;");
        return connection;
    }

    private static int Execute(SqliteConnection connection, string sql, params (string, object?)[] parameters)
    {
        using var command = Command(connection, sql, parameters);
        return command.ExecuteNonQuery();
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }

    private static string? Nullable(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static string[] Split(string scopes) => scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
