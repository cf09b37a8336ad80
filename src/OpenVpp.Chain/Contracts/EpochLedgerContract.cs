using System.Numerics;
using OpenVpp.Chain.Crypto;
using OpenVpp.Chain.Rpc;
using OpenVpp.Chain.Transactions;

namespace OpenVpp.Chain.Contracts;

/// <summary>EpochLedger: one commit per epoch, in order, by the oracle; challengeable per reading.</summary>
public sealed class EpochLedgerContract(EthRpcClient rpc, EthAddress address)
    : ContractBinding(rpc, address, OvppArtifacts.Ledger)
{
    public const string EpochCommittedEvent = "EpochCommitted";
    public const string EpochDisputedEvent = "EpochDisputed";
    public const string DisputeResolvedEvent = "DisputeResolved";

    public Task<TransactionReceipt> CommitEpochAsync(TransactionSender oracle, EpochCommitment commitment, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(commitment);
        return SendAsync(oracle, "commitEpoch", cancellationToken,
            (BigInteger)commitment.Epoch, commitment.DataRoot, commitment.RewardRoot, (BigInteger)commitment.EnergyWh,
            commitment.Reward, (BigInteger)commitment.ReadingCount, (BigInteger)commitment.DeviceCount);
    }

    /// <summary>Challenges a signed reading (140 bytes) in a committed epoch with its Merkle proof and the device key.</summary>
    public Task<TransactionReceipt> ChallengeAsync(
        TransactionSender challenger, long epoch, byte[] signedReading, IReadOnlyList<byte[]> proof, byte[] publicKeyXY, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(proof);
        ArgumentNullException.ThrowIfNull(publicKeyXY);
        return SendAsync(challenger, "challenge", cancellationToken,
            (BigInteger)epoch, signedReading, proof.Cast<object?>().ToArray(), publicKeyXY[..32], publicKeyXY[32..]);
    }

    public Task<TransactionReceipt> ResolveDisputeAsync(
        TransactionSender oracle, long epoch, byte[] dataRoot, long energyWh, int readingCount, int deviceCount, byte[] latestRewardRoot,
        CancellationToken cancellationToken = default) =>
        SendAsync(oracle, "resolveDispute", cancellationToken,
            (BigInteger)epoch, dataRoot, (BigInteger)energyWh, (BigInteger)readingCount, (BigInteger)deviceCount, latestRewardRoot);

    public async Task<long> NextEpochAsync(BlockParameter block = default, CancellationToken cancellationToken = default) =>
        (long)(BigInteger)(await CallAsync("nextEpoch", block, cancellationToken).ConfigureAwait(false))[0]!;

    public async Task<EpochOnChain> EpochInfoAsync(long epoch, CancellationToken cancellationToken = default)
    {
        var result = await CallAsync("epochInfo", BlockParameter.Latest, cancellationToken, (BigInteger)epoch).ConfigureAwait(false);
        var t = (object?[])result[0]!;
        return new EpochOnChain(
            (byte[])t[0]!, (byte[])t[1]!, (BigInteger)t[2]!, (BigInteger)t[3]!, (long)(BigInteger)t[4]!, (long)(BigInteger)t[5]!,
            (long)(BigInteger)t[6]!, (bool)t[7]!);
    }

    /// <summary>True while <paramref name="epoch"/> has an unresolved successful challenge.</summary>
    public async Task<bool> IsDisputedAsync(long epoch, CancellationToken cancellationToken = default) =>
        (bool)(await CallAsync("isDisputed", BlockParameter.Latest, cancellationToken, (BigInteger)epoch).ConfigureAwait(false))[0]!;

    /// <summary>Disputed epochs not yet resolved; while non-zero the token's reward root is zero (claims paused).</summary>
    public async Task<long> OpenDisputesAsync(CancellationToken cancellationToken = default) =>
        (long)(BigInteger)(await CallAsync("openDisputes", BlockParameter.Latest, cancellationToken).ConfigureAwait(false))[0]!;

    public async Task<bool> HasRoleAsync(string role, EthAddress account, CancellationToken cancellationToken = default) =>
        (bool)(await CallAsync("hasRole", BlockParameter.Latest, cancellationToken, Role(role), account.ToArray()).ConfigureAwait(false))[0]!;

    public Task<TransactionReceipt> GrantRoleAsync(TransactionSender admin, string role, EthAddress account, CancellationToken cancellationToken = default) =>
        SendAsync(admin, "grantRole", cancellationToken, Role(role), account.ToArray());

    public Task<TransactionReceipt> SetRewardSinkAsync(TransactionSender admin, EthAddress sink, CancellationToken cancellationToken = default) =>
        SendAsync(admin, "setRewardSink", cancellationToken, sink.ToArray());

    /// <summary>OpenZeppelin AccessControl's admin role: bytes32(0), not the hash of its name.</summary>
    public const string DefaultAdminRole = "DEFAULT_ADMIN_ROLE";

    /// <summary>
    /// A role's id as OpenZeppelin AccessControl defines it: keccak256 of its name, except
    /// <see cref="DefaultAdminRole"/>, which is 32 zero bytes.
    /// </summary>
    public static byte[] Role(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name == DefaultAdminRole ? new byte[32] : Core.Crypto.Keccak256.Hash(System.Text.Encoding.ASCII.GetBytes(name));
    }
}
