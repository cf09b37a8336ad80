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

    public Task<TransactionReceipt> GrantRoleAsync(TransactionSender admin, string role, EthAddress account, CancellationToken cancellationToken = default) =>
        SendAsync(admin, "grantRole", cancellationToken, Role(role), account.ToArray());

    public Task<TransactionReceipt> SetRewardSinkAsync(TransactionSender admin, EthAddress sink, CancellationToken cancellationToken = default) =>
        SendAsync(admin, "setRewardSink", cancellationToken, sink.ToArray());

    /// <summary>keccak256 of a role's name, as OpenZeppelin AccessControl defines role ids.</summary>
    public static byte[] Role(string name) => Core.Crypto.Keccak256.Hash(System.Text.Encoding.ASCII.GetBytes(name));
}
