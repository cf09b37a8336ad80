using Microsoft.Data.Sqlite;
using OpenVpp.Core.Devices;

namespace OpenVpp.Storage.Sqlite;

public sealed class SqliteDeviceStore(SqliteDatabase database) : IDeviceStore
{
    private const string Columns = "device_id, public_key, owner, kind, nameplate_power_w, capacity_wh, region, site, registered_at_ms, active";

    public async Task<IReadOnlyList<DeviceRecord>> LoadAllAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM devices";
        return await ReadAllAsync(command, cancellationToken);
    }

    public async Task<IReadOnlyList<bool>> AddAsync(IReadOnlyList<DeviceRecord> devices, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(devices);
        await using var connection = database.Open();
        await using var transaction = connection.BeginTransaction(deferred: false);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"INSERT OR IGNORE INTO devices ({Columns}) VALUES ($id, $key, $owner, $kind, $power, $capacity, $region, $site, $at, $active)";
        var added = new bool[devices.Count];
        for (var i = 0; i < devices.Count; i++)
        {
            var d = devices[i];
            command.Parameters.Clear();
            command.Parameters.AddWithValue("$id", d.Id.Bytes.ToArray());
            command.Parameters.AddWithValue("$key", d.PublicKey);
            command.Parameters.AddWithValue("$owner", d.Owner);
            command.Parameters.AddWithValue("$kind", (int)d.Kind);
            command.Parameters.AddWithValue("$power", d.NameplatePowerW);
            command.Parameters.AddWithValue("$capacity", d.CapacityWh);
            command.Parameters.AddWithValue("$region", d.Region);
            command.Parameters.AddWithValue("$site", d.Site);
            command.Parameters.AddWithValue("$at", d.RegisteredAt.ToUnixTimeMilliseconds());
            command.Parameters.AddWithValue("$active", d.Active ? 1 : 0);
            added[i] = await command.ExecuteNonQueryAsync(cancellationToken) == 1;
        }

        await transaction.CommitAsync(cancellationToken);
        return added;
    }

    public async Task<DeviceRecord?> GetAsync(DeviceId id, CancellationToken cancellationToken = default)
    {
        await using var connection = database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM devices WHERE device_id = $id";
        command.Parameters.AddWithValue("$id", id.Bytes.ToArray());
        var list = await ReadAllAsync(command, cancellationToken);
        return list.Count == 0 ? null : list[0];
    }

    public async Task<IReadOnlyList<DeviceRecord>> ListAsync(string? region, DeviceKind? kind, int offset, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT {Columns} FROM devices
            WHERE ($region IS NULL OR region = $region) AND ($kind IS NULL OR kind = $kind)
            ORDER BY device_id LIMIT $limit OFFSET $offset
            """;
        command.Parameters.AddWithValue("$region", (object?)region ?? DBNull.Value);
        command.Parameters.AddWithValue("$kind", kind is { } k ? (int)k : DBNull.Value);
        command.Parameters.AddWithValue("$limit", limit);
        command.Parameters.AddWithValue("$offset", offset);
        return await ReadAllAsync(command, cancellationToken);
    }

    internal static async Task<IReadOnlyList<DeviceRecord>> ReadAllAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        var list = new List<DeviceRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(new DeviceRecord(
                new DeviceId((byte[])reader[0]),
                (byte[])reader[1],
                reader.GetString(2),
                (DeviceKind)reader.GetInt32(3),
                reader.GetInt64(4),
                reader.GetInt64(5),
                reader.GetString(6),
                reader.GetString(7),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(8)),
                reader.GetInt64(9) != 0));
        }

        return list;
    }
}
