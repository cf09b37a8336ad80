using System.Numerics;
using OpenVpp.Chain.Crypto;
using OpenVpp.Chain.Rpc;
using OpenVpp.Chain.Transactions;

namespace OpenVpp.Chain.Contracts;

/// <summary>
/// OvppToken: the ERC-20 with the reward distributor built in (cumulative Merkle claims; the claimed amount shares
/// the holder's balance slot, see docs/contracts.md). A claim is a Transfer from the token's own address.
/// </summary>
public sealed class OvppTokenContract(EthRpcClient rpc, EthAddress address)
    : ContractBinding(rpc, address, OvppArtifacts.Token)
{
    public const string TransferEvent = "Transfer";

    public Task<TransactionReceipt> ClaimAsync(
        TransactionSender sender, EthAddress account, BigInteger cumulativeAmount, IReadOnlyList<byte[]> proof, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(proof);
        return SendAsync(sender, "claim", cancellationToken, account.ToArray(), cumulativeAmount, proof.Cast<object?>().ToArray());
    }

    public Task<TransactionReceipt> TransferAsync(TransactionSender sender, EthAddress to, BigInteger amount, CancellationToken cancellationToken = default) =>
        SendAsync(sender, "transfer", cancellationToken, to.ToArray(), amount);

    public Task<TransactionReceipt> GrantRoleAsync(TransactionSender admin, string role, EthAddress account, CancellationToken cancellationToken = default) =>
        SendAsync(admin, "grantRole", cancellationToken, EpochLedgerContract.Role(role), account.ToArray());

    public async Task<BigInteger> BalanceOfAsync(EthAddress account, CancellationToken cancellationToken = default) =>
        (BigInteger)(await CallAsync("balanceOf", BlockParameter.Latest, cancellationToken, account.ToArray()).ConfigureAwait(false))[0]!;

    public async Task<BigInteger> ClaimedAsync(EthAddress account, CancellationToken cancellationToken = default) =>
        (BigInteger)(await CallAsync("claimed", BlockParameter.Latest, cancellationToken, account.ToArray()).ConfigureAwait(false))[0]!;

    public async Task<byte[]> RewardRootAsync(CancellationToken cancellationToken = default) =>
        (byte[])(await CallAsync("rewardRoot", BlockParameter.Latest, cancellationToken).ConfigureAwait(false))[0]!;

    /// <summary>The latest epoch committed to the token; a non-zero reward root is cumulative through it.</summary>
    public async Task<long> RootEpochAsync(CancellationToken cancellationToken = default) =>
        (long)(BigInteger)(await CallAsync("rootEpoch", BlockParameter.Latest, cancellationToken).ConfigureAwait(false))[0]!;

    /// <summary>Minted but not yet claimed: the pool, the token contract's own balance.</summary>
    public async Task<BigInteger> UnclaimedRewardsAsync(CancellationToken cancellationToken = default) =>
        (BigInteger)(await CallAsync("unclaimedRewards", BlockParameter.Latest, cancellationToken).ConfigureAwait(false))[0]!;

    public async Task<bool> HasRoleAsync(string role, EthAddress account, CancellationToken cancellationToken = default) =>
        (bool)(await CallAsync("hasRole", BlockParameter.Latest, cancellationToken, EpochLedgerContract.Role(role), account.ToArray()).ConfigureAwait(false))[0]!;

    public async Task<BigInteger> TotalSupplyAsync(CancellationToken cancellationToken = default) =>
        (BigInteger)(await CallAsync("totalSupply", BlockParameter.Latest, cancellationToken).ConfigureAwait(false))[0]!;
}
