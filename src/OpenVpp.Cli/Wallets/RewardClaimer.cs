using System.Numerics;
using OpenVpp.Chain.Contracts;
using OpenVpp.Chain.Crypto;
using OpenVpp.Chain.Reverts;
using OpenVpp.Chain.Rpc;
using OpenVpp.Chain.Transactions;
using OpenVpp.Core.Rewards;

namespace OpenVpp.Cli.Wallets;

/// <summary>What one claim did.</summary>
/// <param name="Account">The account paid.</param>
/// <param name="Sender">The account that sent (and paid gas for) the claim.</param>
/// <param name="CumulativeAmount">The leaf's cumulative amount, base units.</param>
/// <param name="Paid">The account's OVPP balance after the claim minus before it, base units.</param>
/// <param name="BalanceAfter">The account's OVPP balance after the claim.</param>
/// <param name="TransactionHash">The claim transaction.</param>
/// <param name="GasUsed">Gas it used.</param>
/// <param name="BlockNumber">The block that holds it.</param>
internal sealed record ClaimResult(
    EthAddress Account,
    EthAddress Sender,
    BigInteger CumulativeAmount,
    BigInteger Paid,
    BigInteger BalanceAfter,
    byte[] TransactionHash,
    ulong GasUsed,
    ulong BlockNumber)
{
    public string TransactionHashHex => "0x" + Convert.ToHexStringLower(TransactionHash);
}

/// <summary>Why the token refused a claim.</summary>
internal enum ClaimRefusal
{
    /// <summary>The account already claimed its whole cumulative amount.</summary>
    NothingToClaim,

    /// <summary>The token holds no reward root: an epoch is disputed, or none has been committed yet.</summary>
    ClaimsPaused,

    /// <summary>The proof does not lead from (account, amount) to the token's current reward root.</summary>
    InvalidProof,

    /// <summary>The account cannot receive claims (the zero address or the token itself).</summary>
    InvalidAccount,
}

/// <summary>The token refused a claim for a reason the claimant can understand (found while estimating gas, so usually nothing was sent).</summary>
internal sealed class ClaimRefusedException : Exception
{
    public ClaimRefusedException()
    {
    }

    public ClaimRefusedException(string message)
        : base(message)
    {
    }

    public ClaimRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ClaimRefusedException(ClaimRefusal refusal, string message, Exception innerException)
        : base(message, innerException)
    {
        Refusal = refusal;
    }

    public ClaimRefusal Refusal { get; }
}

/// <summary>
/// Claims OVPP rewards: sends token.claim(account, cumulativeAmount, proof) from a sender (anyone may send it; the
/// tokens always go to the account), waits for the receipt, and measures what the account received. Used by
/// `openvpp wallet claim` with a proof from the node, and by the demo with proofs from its own reward tree.
/// </summary>
internal static class RewardClaimer
{
    /// <summary>Claims with a proof from a <see cref="RewardTree"/>.</summary>
    public static Task<ClaimResult> ClaimAsync(OvppTokenContract token, TransactionSender sender, RewardProof claim, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(claim);
        return ClaimAsync(token, sender, new EthAddress(claim.Account.Bytes), claim.CumulativeAmount, claim.Proof, cancellationToken);
    }

    /// <exception cref="ClaimRefusedException">Nothing to claim, claims paused, an invalid proof or account (found by gas estimation, so nothing was sent, unless the message names a reverted transaction).</exception>
    /// <exception cref="ContractRevertException">Any other revert.</exception>
    public static async Task<ClaimResult> ClaimAsync(
        OvppTokenContract token,
        TransactionSender sender,
        EthAddress account,
        BigInteger cumulativeAmount,
        IReadOnlyList<byte[]> proof,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(token);
        ArgumentNullException.ThrowIfNull(sender);
        ArgumentNullException.ThrowIfNull(proof);
        var before = await token.BalanceOfAsync(account, cancellationToken).ConfigureAwait(false);
        TransactionReceipt receipt;
        try
        {
            receipt = await token.ClaimAsync(sender, account, cumulativeAmount, proof, cancellationToken).ConfigureAwait(false);
        }
        catch (ContractRevertException e) when (Explain(e, account, cumulativeAmount) is { } refused)
        {
            throw refused;
        }

        var after = await token.BalanceOfAsync(account, cancellationToken).ConfigureAwait(false);
        return new ClaimResult(account, sender.Address, cumulativeAmount, after - before, after, receipt.TransactionHash, receipt.GasUsed, receipt.BlockNumber);
    }

    private static ClaimRefusedException? Explain(ContractRevertException e, EthAddress account, BigInteger cumulativeAmount)
    {
        var refusal = Refusal(e, account, cumulativeAmount);
        return refusal is null || e.TransactionHash is null
            ? refusal
            : new ClaimRefusedException(refusal.Refusal, $"{refusal.Message} (transaction 0x{Convert.ToHexStringLower(e.TransactionHash)} reverted on chain; its gas is spent)", e);
    }

    private static ClaimRefusedException? Refusal(ContractRevertException e, EthAddress account, BigInteger cumulativeAmount) => e.Reason.Name switch
    {
        "NothingToClaim" => new ClaimRefusedException(
            ClaimRefusal.NothingToClaim,
            $"nothing to claim: {account} already claimed {TokenUnits.Format(AlreadyClaimed(e.Reason) ?? cumulativeAmount)} of {TokenUnits.Format(cumulativeAmount)} OVPP.",
            e),
        "ClaimsPaused" => new ClaimRefusedException(
            ClaimRefusal.ClaimsPaused,
            "claims are paused: the token has no reward root (an epoch is disputed, or none is committed yet); wait for the oracle to resolve or commit one.",
            e),
        "InvalidProof" => new ClaimRefusedException(
            ClaimRefusal.InvalidProof,
            $"invalid proof: ({account}, {TokenUnits.Format(cumulativeAmount)} OVPP) is not in the token's current reward root; the proof's source is behind or ahead of the chain, fetch a fresh one and try again.",
            e),
        "ERC20InvalidReceiver" => new ClaimRefusedException(ClaimRefusal.InvalidAccount, $"{account} cannot receive claims.", e),
        _ => null,
    };

    private static BigInteger? AlreadyClaimed(RevertReason reason) =>
        reason.Arguments is [_, _, BigInteger already] ? already : null;
}
