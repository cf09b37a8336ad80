using System.Globalization;
using System.Numerics;
using Microsoft.Data.Sqlite;
using OpenVpp.Storage.Rewards;

namespace OpenVpp.Storage.Sqlite;

public sealed class SqliteRewardStore(SqliteDatabase database) : IRewardStore
{
    private const string Columns = "epoch, reward_root, issued, computation, commit_tx, commit_gas";

    public async Task SaveAsync(EpochRewardRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        await using var connection = database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            INSERT INTO epoch_rewards ({Columns}) VALUES ($e, $root, $issued, $json, $tx, $gas)
            ON CONFLICT (epoch) DO UPDATE SET reward_root = excluded.reward_root, issued = excluded.issued,
                computation = excluded.computation, commit_tx = excluded.commit_tx, commit_gas = excluded.commit_gas
            """;
        command.Parameters.AddWithValue("$e", record.Epoch);
        command.Parameters.AddWithValue("$root", record.RewardRoot);
        command.Parameters.AddWithValue("$issued", record.Issued.ToString(CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("$json", record.ComputationJson);
        command.Parameters.AddWithValue("$tx", (object?)record.CommitTx ?? DBNull.Value);
        command.Parameters.AddWithValue("$gas", (object?)record.CommitGas ?? DBNull.Value);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task SetCommitAsync(long epoch, byte[] txHash, long gasUsed, CancellationToken cancellationToken = default)
    {
        await using var connection = database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE epoch_rewards SET commit_tx = $tx, commit_gas = $gas WHERE epoch = $e";
        command.Parameters.AddWithValue("$e", epoch);
        command.Parameters.AddWithValue("$tx", txHash);
        command.Parameters.AddWithValue("$gas", gasUsed);
        if (await command.ExecuteNonQueryAsync(cancellationToken) != 1)
        {
            throw new InvalidOperationException($"Epoch {epoch} has no computed rewards to attach a commit to.");
        }
    }

    public Task<EpochRewardRecord?> GetAsync(long epoch, CancellationToken cancellationToken = default) =>
        QueryOneAsync($"SELECT {Columns} FROM epoch_rewards WHERE epoch = $e", epoch, cancellationToken);

    public Task<EpochRewardRecord?> GetLatestAsync(CancellationToken cancellationToken = default) =>
        QueryOneAsync($"SELECT {Columns} FROM epoch_rewards ORDER BY epoch DESC LIMIT 1", null, cancellationToken);

    public async Task<IReadOnlyList<long>> ListUncommittedBeforeAsync(long epoch, CancellationToken cancellationToken = default)
    {
        await using var connection = database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT epoch FROM epoch_rewards WHERE commit_tx IS NULL AND epoch < $e ORDER BY epoch";
        command.Parameters.AddWithValue("$e", epoch);
        var list = new List<long>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(reader.GetInt64(0));
        }

        return list;
    }

    public async Task<EpochRewardRecord?> FindByRewardRootAsync(byte[] rewardRoot, CancellationToken cancellationToken = default)
    {
        await using var connection = database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM epoch_rewards WHERE reward_root = $r ORDER BY epoch DESC LIMIT 1";
        command.Parameters.AddWithValue("$r", rewardRoot);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    public Task<EpochRewardRecord?> GetLatestCommittedAsync(CancellationToken cancellationToken = default) =>
        QueryOneAsync($"SELECT {Columns} FROM epoch_rewards WHERE commit_tx IS NOT NULL ORDER BY epoch DESC LIMIT 1", null, cancellationToken);

    private async Task<EpochRewardRecord?> QueryOneAsync(string sql, long? epoch, CancellationToken cancellationToken)
    {
        await using var connection = database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        if (epoch is { } e)
        {
            command.Parameters.AddWithValue("$e", e);
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    private static EpochRewardRecord Read(SqliteDataReader reader) =>
        new(
            reader.GetInt64(0),
            (byte[])reader[1],
            BigInteger.Parse(reader.GetString(2), CultureInfo.InvariantCulture),
            reader.GetString(3),
            reader.IsDBNull(4) ? null : (byte[])reader[4],
            reader.IsDBNull(5) ? null : reader.GetInt64(5));
}
