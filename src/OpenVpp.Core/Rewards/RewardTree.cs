using System.Numerics;
using OpenVpp.Core.Accounts;
using OpenVpp.Core.Crypto;
using OpenVpp.Core.Merkle;

namespace OpenVpp.Core.Rewards;

/// <summary>
/// The payout commitment: an OpenZeppelin StandardMerkleTree over ["address", "uint256"] leaves, one per owner with its
/// cumulative amount, which RewardDistributor checks claims against. The leaf is
/// keccak256(keccak256(abi.encode(account, amount))); hashing twice gives leaves no 64-byte preimage, so an inner node
/// can never pass as a leaf. StandardMerkleTree lays out its hashed leaves exactly as the data commitment's
/// <see cref="MerkleTree"/> does (sorted, right to left, sorted-pair hashing), so that tree is reused as is.
/// </summary>
public sealed class RewardTree
{
    private const int WordLength = 32;

    private readonly MerkleTree _tree;
    private readonly CumulativeRewards _rewards;

    private RewardTree(MerkleTree tree, CumulativeRewards rewards)
    {
        _tree = tree;
        _rewards = rewards;
    }

    /// <summary>Number of leaves: owners with a positive cumulative amount.</summary>
    public int Count => _tree.Count;

    /// <summary>The root to commit on-chain; 32 zero bytes while nobody has earned anything.</summary>
    public byte[] Root => _tree.Root;

    public static RewardTree Build(CumulativeRewards rewards)
    {
        ArgumentNullException.ThrowIfNull(rewards);
        return new RewardTree(MerkleTree.Build(rewards.Amounts.Select(a => LeafHash(a.Key, a.Value))), rewards);
    }

    /// <summary>The claim for <paramref name="account"/>, or null if it has no leaf.</summary>
    public RewardProof? GetProof(AccountAddress account)
    {
        var amount = _rewards.AmountOf(account);
        if (amount.IsZero)
        {
            return null;
        }

        var proof = _tree.GetProof(LeafHash(account, amount)) ?? throw new InvalidOperationException($"The leaf of {account} is missing from its own tree.");
        return new RewardProof(account, amount, proof);
    }

    /// <summary>keccak256(keccak256(abi.encode(account, amount))): the address and the amount as two 32-byte big-endian words.</summary>
    public static byte[] LeafHash(AccountAddress account, BigInteger cumulativeAmount)
    {
        if (cumulativeAmount < 0 || cumulativeAmount > EvmIntegers.MaxUint256)
        {
            throw new ArgumentOutOfRangeException(nameof(cumulativeAmount), cumulativeAmount, "A uint256 amount is between 0 and 2^256 − 1.");
        }

        Span<byte> encoded = stackalloc byte[2 * WordLength];
        encoded.Clear();
        account.Bytes.CopyTo(encoded[(WordLength - AccountAddress.Length)..WordLength]);
        var amountLength = cumulativeAmount.GetByteCount(isUnsigned: true);
        cumulativeAmount.TryWriteBytes(encoded[^amountLength..], out _, isUnsigned: true, isBigEndian: true);

        Span<byte> inner = stackalloc byte[Keccak256.HashLength];
        Keccak256.Hash(encoded, inner);
        return Keccak256.Hash(inner);
    }

    /// <summary>What RewardDistributor.claim checks: MerkleProof.verify(proof, root, LeafHash(account, amount)).</summary>
    public static bool Verify(IEnumerable<byte[]> proof, ReadOnlySpan<byte> root, AccountAddress account, BigInteger cumulativeAmount)
    {
        ArgumentNullException.ThrowIfNull(proof);
        return MerkleTree.Verify(proof, root, LeafHash(account, cumulativeAmount));
    }
}
