using System.Numerics;
using System.Text.Json;
using OpenVpp.Chain.Crypto;

namespace OpenVpp.Chain.Rpc;

/// <summary>
/// anvil's development methods (also answered by Hardhat): snapshots, manual mining, balances and the clock.
/// For tests and the local demo only; a real node refuses them.
/// </summary>
public sealed class AnvilRpc(EthRpcClient rpc)
{
    private readonly EthRpcClient _rpc = rpc ?? throw new ArgumentNullException(nameof(rpc));

    /// <summary>Records the chain state; <see cref="RevertAsync"/> with the returned id goes back to it.</summary>
    public async Task<BigInteger> SnapshotAsync(CancellationToken cancellationToken = default) =>
        RpcJson.Quantity(await _rpc.SendAsync("evm_snapshot", null, cancellationToken).ConfigureAwait(false), "evm_snapshot");

    /// <summary>
    /// Restores a snapshot. The snapshot and every later one are used up; returns false when the id is unknown
    /// (never taken, or already used).
    /// </summary>
    public async Task<bool> RevertAsync(BigInteger snapshotId, CancellationToken cancellationToken = default)
    {
        var result = await _rpc.SendAsync("evm_revert", [RpcHex.FormatQuantity(snapshotId)], cancellationToken).ConfigureAwait(false);
        return result.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw new RpcProtocolException($"evm_revert should answer a boolean, got {result.ValueKind}."),
        };
    }

    /// <summary>Mines <paramref name="blocks"/> blocks now, the first with whatever transactions are pending.</summary>
    public async Task MineAsync(ulong blocks = 1, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfZero(blocks);

        // evm_mine is the portable one; anvil_mine mines many blocks in one call.
        _ = blocks == 1
            ? await _rpc.SendAsync("evm_mine", null, cancellationToken).ConfigureAwait(false)
            : await _rpc.SendAsync("anvil_mine", [RpcHex.FormatQuantity(blocks)], cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sets an account's balance in wei, out of thin air.</summary>
    public async Task SetBalanceAsync(EthAddress address, BigInteger wei, CancellationToken cancellationToken = default) =>
        await _rpc.SendAsync("anvil_setBalance", [address.ToString(), RpcHex.FormatQuantity(wei)], cancellationToken).ConfigureAwait(false);

    /// <summary>Moves the chain's clock forward for the next block; returns the total offset in seconds.</summary>
    public async Task<long> IncreaseTimeAsync(TimeSpan by, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        var result = await _rpc.SendAsync("evm_increaseTime", [(long)by.TotalSeconds], cancellationToken).ConfigureAwait(false);

        // anvil answers a plain JSON number here, Hardhat a hex quantity; accept both.
        return result.ValueKind == JsonValueKind.Number && result.TryGetInt64(out var seconds)
            ? seconds
            : (long)RpcJson.Quantity64(result, "evm_increaseTime");
    }

    /// <summary>Turns mining on every transaction on or off; off, transactions wait for <see cref="MineAsync"/>.</summary>
    public async Task SetAutomineAsync(bool enabled, CancellationToken cancellationToken = default) =>
        await _rpc.SendAsync("evm_setAutomine", [enabled], cancellationToken).ConfigureAwait(false);
}
