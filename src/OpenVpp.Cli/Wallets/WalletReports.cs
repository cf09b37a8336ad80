namespace OpenVpp.Cli.Wallets;

// The documents `openvpp wallet ... --json` prints (snake_case). Field names are part of the CLI's contract with
// scripts. Amounts are exact decimal strings; addresses are EIP-55.

/// <summary>`wallet new`: the wallet created.</summary>
internal sealed record WalletCreatedReport(string Name, string Address, string File);

/// <summary>`wallet list`: every wallet in the directory.</summary>
internal sealed record WalletListReport(string Directory, IReadOnlyList<WalletEntry> Wallets);

/// <summary>One wallet; <see cref="Error"/> says why a file could not be read (then there is no address).</summary>
internal sealed record WalletEntry(string Name, string? Address, string? Error);

/// <summary>`wallet balance`: the account on chain, and the node's view of its rewards.</summary>
internal sealed record BalanceReport(string Address, long ChainId, EtherAmount Eth, TokenAmount Ovpp, TokenAmount Claimed, NodeRewardsView Node);

/// <summary>
/// What the node says about the account's rewards. Reachable false: no answer (see <see cref="Error"/>). HasRewards
/// false: the node answered 404, the account has earned nothing yet.
/// </summary>
internal sealed record NodeRewardsView(
    string Url,
    bool Reachable,
    bool HasRewards,
    long? Epoch,
    TokenAmount? CumulativeAmount,
    TokenAmount? Claimed,
    TokenAmount? Claimable,
    string? Error);

/// <summary>`wallet claim`: what was paid, to whom, by which transaction.</summary>
internal sealed record ClaimReport(
    string Account,
    string Sender,
    long Epoch,
    TokenAmount CumulativeAmount,
    TokenAmount Paid,
    TokenAmount Balance,
    string TransactionHash,
    ulong GasUsed,
    ulong BlockNumber);
