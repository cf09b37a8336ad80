using System.Numerics;
using OpenVpp.Core.Accounts;
using OpenVpp.Core.Rewards;
using OpenVpp.Core.Tests.TestSupport;
using static OpenVpp.Core.Tests.Rewards.RewardFixtures;

namespace OpenVpp.Core.Tests.Rewards;

public class RewardTreeTests
{
    private static readonly BigInteger MaxUint256 = (BigInteger.One << 256) - 1;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(100)]
    [InlineData(101)]
    public void Root_leaves_and_every_proof_match_OpenZeppelins_StandardMerkleTree(int count)
    {
        var cumulative = RandomCumulative(count, seed: count);

        var tree = RewardTree.Build(cumulative);
        var expected = RewardTreeReference.Compute(cumulative.Amounts);

        Assert.Equal(count, tree.Count);
        Assert.Equal(expected.Root, Hex.To0x(tree.Root));
        Assert.Equal(count, expected.Proofs.Count);
        foreach (var (account, amount) in cumulative.Amounts)
        {
            Assert.Equal(expected.Leaves[account.ToString()], Hex.To0x(RewardTree.LeafHash(account, amount)));
            var claim = tree.GetProof(account);
            Assert.NotNull(claim);
            Assert.Equal(account, claim.Account);
            Assert.Equal(amount, claim.CumulativeAmount);
            Assert.Equal(expected.Proofs[account.ToString()], claim.Proof.Select(p => Hex.To0x(p)).ToArray());
            Assert.True(RewardTree.Verify(claim.Proof, tree.Root, account, amount));
        }
    }

    [Fact]
    public void Leaf_is_keccak_of_keccak_of_the_abi_encoded_address_and_amount()
    {
        var account = AccountAddress.Parse("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed");
        var amount = BigInteger.Parse("123456789012345678901234567890", System.Globalization.CultureInfo.InvariantCulture);
        var encoded = Hex.From(
            "0000000000000000000000005aaeb6053f3e94c9b9a09f33669435e7ef1beaed"
            + "00000000000000000000000000000000000000018ee90ff6c373e0ee4e3f0ad2");

        Assert.Equal(BouncyKeccak.Hash(BouncyKeccak.Hash(encoded)), RewardTree.LeafHash(account, amount));
    }

    [Fact]
    public void Leaf_encodes_the_extremes_of_uint256()
    {
        var zero = new byte[64];
        var max = new byte[64];
        max.AsSpan(32).Fill(0xFF);

        Assert.Equal(BouncyKeccak.Hash(BouncyKeccak.Hash(zero)), RewardTree.LeafHash(default, 0));
        Assert.Equal(BouncyKeccak.Hash(BouncyKeccak.Hash(max)), RewardTree.LeafHash(default, MaxUint256));
        Assert.Throws<ArgumentOutOfRangeException>(() => RewardTree.LeafHash(default, -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => RewardTree.LeafHash(default, MaxUint256 + 1));
    }

    [Fact]
    public void Empty_tree_has_the_zero_root_and_no_proofs()
    {
        var tree = RewardTree.Build(CumulativeRewards.Empty);

        Assert.Equal(0, tree.Count);
        Assert.Equal(new byte[32], tree.Root);
        Assert.Null(tree.GetProof(Alice));
    }

    [Fact]
    public void A_single_owner_is_its_own_root_with_an_empty_proof()
    {
        var cumulative = CumulativeRewards.FromAmounts([new(Alice, 42)], null);

        var tree = RewardTree.Build(cumulative);

        Assert.Equal(RewardTree.LeafHash(Alice, 42), tree.Root);
        Assert.Empty(tree.GetProof(Alice)!.Proof);
    }

    [Fact]
    public void Gives_no_proof_for_an_account_without_a_leaf()
    {
        var tree = RewardTree.Build(RandomCumulative(10, seed: 1));

        Assert.Null(tree.GetProof(Alice));
    }

    [Fact]
    public void Verify_rejects_another_amount_account_root_or_proof()
    {
        var cumulative = RandomCumulative(37, seed: 37);
        var tree = RewardTree.Build(cumulative);
        var (account, amount) = cumulative.Amounts.ElementAt(11);
        var (other, _) = cumulative.Amounts.ElementAt(12);
        var proof = tree.GetProof(account)!.Proof.ToArray();
        var tampered = proof.Select(p => (byte[])p.Clone()).ToArray();
        tampered[^1][31] ^= 1;
        var wrongRoot = tree.Root;
        wrongRoot[0] ^= 0x80;

        Assert.True(RewardTree.Verify(proof, tree.Root, account, amount));
        Assert.False(RewardTree.Verify(proof, tree.Root, account, amount + 1));
        Assert.False(RewardTree.Verify(proof, tree.Root, account, amount - 1));
        Assert.False(RewardTree.Verify(proof, tree.Root, other, amount));
        Assert.False(RewardTree.Verify(proof, wrongRoot, account, amount));
        Assert.False(RewardTree.Verify(tampered, tree.Root, account, amount));
        Assert.False(RewardTree.Verify(proof[..^1], tree.Root, account, amount));
    }

    [Fact]
    public void Root_changes_when_any_amount_changes()
    {
        var cumulative = RandomCumulative(20, seed: 20);
        var (account, amount) = cumulative.Amounts.ElementAt(5);
        var bumped = CumulativeRewards.FromAmounts(cumulative.Amounts.Select(a => a.Key == account ? new KeyValuePair<AccountAddress, BigInteger>(a.Key, amount == 1 ? 2 : amount - 1) : a), null);

        Assert.NotEqual(RewardTree.Build(cumulative).Root, RewardTree.Build(bumped).Root);
    }

    /// <summary>Random accounts with amounts from one base unit to the top of uint256, most of them token-sized.</summary>
    internal static CumulativeRewards RandomCumulative(int count, int seed)
    {
        var random = new Random(seed);
        var amounts = new Dictionary<AccountAddress, BigInteger>();
        while (amounts.Count < count)
        {
            var bytes = new byte[AccountAddress.Length];
            random.NextBytes(bytes);
            amounts[new AccountAddress(bytes)] = (amounts.Count % 10) switch
            {
                0 => 1,
                1 => MaxUint256,
                _ => Ovpp.FromTokens(random.Next(0, 1_000_000)) + random.NextInt64() + 1,
            };
        }

        return CumulativeRewards.FromAmounts(amounts, null);
    }
}
