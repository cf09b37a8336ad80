using System.Globalization;
using System.Numerics;
using Microsoft.Data.Sqlite;
using OpenVpp.Storage.Chain;

namespace OpenVpp.Storage.Sqlite;

public sealed class SqliteChainIndexStore(SqliteDatabase database) : IChainIndexStore
{
    // Enough history to find the common ancestor of any reorg a confirmation depth lets through.
    private const int KeptBlocks = 256;

    public async Task<IReadOnlyList<IndexedBlock>> GetRecentBlocksAsync(int count, CancellationToken cancellationToken = default)
    {
        await using var connection = database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT number, hash FROM chain_blocks ORDER BY number DESC LIMIT $n";
        command.Parameters.AddWithValue("$n", count);
        var list = new List<IndexedBlock>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(new IndexedBlock(reader.GetInt64(0), (byte[])reader[1]));
        }

        return list;
    }

    public async Task ApplyAsync(ChainIndexBatch batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        await using var connection = database.Open();
        await using var transaction = connection.BeginTransaction(deferred: false);
        if (batch.Reset)
        {
            Execute(connection, transaction, """
                DELETE FROM devices WHERE chain_block IS NOT NULL;
                DELETE FROM chain_blocks; DELETE FROM chain_epochs; DELETE FROM chain_claims;
                """);
        }

        foreach (var registration in batch.Registrations)
        {
            var d = registration.Device;
            Execute(connection, transaction, """
                INSERT INTO devices (device_id, public_key, owner, kind, nameplate_power_w, capacity_wh, region, site, registered_at_ms, active, chain_block)
                VALUES ($id, $key, $owner, $kind, $power, $capacity, $region, $site, $at, 1, $block)
                ON CONFLICT (device_id) DO UPDATE SET owner = excluded.owner, kind = excluded.kind,
                    nameplate_power_w = excluded.nameplate_power_w, capacity_wh = excluded.capacity_wh,
                    region = excluded.region, active = 1, chain_block = excluded.chain_block
                """,
                ("$id", d.Id.Bytes.ToArray()), ("$key", d.PublicKey), ("$owner", d.Owner), ("$kind", (int)d.Kind),
                ("$power", d.NameplatePowerW), ("$capacity", d.CapacityWh), ("$region", d.Region), ("$site", d.Site),
                ("$at", d.RegisteredAt.ToUnixTimeMilliseconds()), ("$block", registration.Block));
        }

        foreach (var change in batch.OwnerChanges)
        {
            Execute(connection, transaction, "UPDATE devices SET owner = $owner WHERE device_id = $id",
                ("$owner", change.Owner), ("$id", change.Device.Bytes.ToArray()));
        }

        foreach (var device in batch.Deactivations)
        {
            Execute(connection, transaction, "UPDATE devices SET active = 0 WHERE device_id = $id", ("$id", device.Bytes.ToArray()));
        }

        foreach (var commit in batch.Commits)
        {
            Execute(connection, transaction, """
                INSERT INTO chain_epochs (epoch, data_root, reward_root, reward, tx_hash, block, disputed)
                VALUES ($e, $data, $rewardRoot, $reward, $tx, $block, 0)
                ON CONFLICT (epoch) DO UPDATE SET data_root = excluded.data_root, reward_root = excluded.reward_root,
                    tx_hash = excluded.tx_hash, block = excluded.block
                """,
                ("$e", commit.Epoch), ("$data", commit.DataRoot), ("$rewardRoot", commit.RewardRoot),
                ("$reward", commit.Reward.ToString(CultureInfo.InvariantCulture)), ("$tx", commit.TxHash), ("$block", commit.Block));
        }

        foreach (var dispute in batch.Disputes)
        {
            Execute(connection, transaction, "UPDATE chain_epochs SET disputed = $d, data_root = coalesce($root, data_root) WHERE epoch = $e",
                ("$d", dispute.Disputed ? 1 : 0), ("$root", (object?)dispute.CorrectedDataRoot ?? DBNull.Value), ("$e", dispute.Epoch));
        }

        foreach (var claim in batch.Claims)
        {
            Execute(connection, transaction, """
                INSERT OR IGNORE INTO chain_claims (tx_hash, log_index, block, account, amount)
                VALUES ($tx, $i, $block, $account, $amount)
                """,
                ("$tx", claim.TxHash), ("$i", claim.LogIndex), ("$block", claim.Block), ("$account", claim.Account),
                ("$amount", claim.Amount.ToString(CultureInfo.InvariantCulture)));
        }

        Execute(connection, transaction, "INSERT OR REPLACE INTO chain_blocks (number, hash) VALUES ($n, $h)",
            ("$n", batch.HeadBlock), ("$h", batch.HeadHash));
        Execute(connection, transaction, "DELETE FROM chain_blocks WHERE number <= $n - $keep",
            ("$n", batch.HeadBlock), ("$keep", KeptBlocks));
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task ForgetBlocksAboveAsync(long block, CancellationToken cancellationToken = default)
    {
        await using var connection = database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM chain_blocks WHERE number > $n";
        command.Parameters.AddWithValue("$n", block);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<ChainEpochCommit?> GetCommitAsync(long epoch, CancellationToken cancellationToken = default)
    {
        await using var connection = database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT epoch, data_root, reward_root, reward, tx_hash, block FROM chain_epochs WHERE epoch = $e";
        command.Parameters.AddWithValue("$e", epoch);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new ChainEpochCommit(
            reader.GetInt64(0), (byte[])reader[1], (byte[])reader[2],
            BigInteger.Parse(reader.GetString(3), CultureInfo.InvariantCulture), (byte[])reader[4], reader.GetInt64(5));
    }

    public async Task<bool> IsDisputedAsync(long epoch, CancellationToken cancellationToken = default)
    {
        await using var connection = database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT disputed FROM chain_epochs WHERE epoch = $e";
        command.Parameters.AddWithValue("$e", epoch);
        return await command.ExecuteScalarAsync(cancellationToken) is long d && d != 0;
    }

    public async Task<IReadOnlyList<ChainClaim>> GetClaimsAsync(byte[]? account, CancellationToken cancellationToken = default)
    {
        await using var connection = database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT tx_hash, log_index, block, account, amount FROM chain_claims
            WHERE $a IS NULL OR account = $a ORDER BY block, log_index
            """;
        command.Parameters.AddWithValue("$a", (object?)account ?? DBNull.Value);
        var list = new List<ChainClaim>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(new ChainClaim(
                (byte[])reader[0], reader.GetInt32(1), reader.GetInt64(2), (byte[])reader[3],
                BigInteger.Parse(reader.GetString(4), CultureInfo.InvariantCulture)));
        }

        return list;
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction transaction, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        command.ExecuteNonQuery();
    }
}
