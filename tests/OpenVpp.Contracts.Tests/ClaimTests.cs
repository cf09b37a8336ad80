using System.Numerics;
using OpenVpp.Chain.Contracts;
using OpenVpp.Chain.Crypto;
using OpenVpp.Contracts.Tests.Support;
using OpenVpp.Core.Accounts;
using OpenVpp.Core.Rewards;
using Xunit.Abstractions;

namespace OpenVpp.Contracts.Tests;

[Collection(SharedAnvil.Name)]
public sealed class ClaimTests(AnvilFixture chain, ITestOutputHelper output)
{
    private static readonly int[] Owners = [2, 3, 4, 5];

    [Fact]
    public async Task Each_owner_claims_its_cumulative_amount_once_for_at_most_60000_gas()
    {
        var ovpp = await chain.DeployAsync();
        var rewards = Rewards.Cumulative(1,
            (Owner(2), Rewards.Ovpp("12.345678901234567891")),
            (Owner(3), Rewards.Ovpp("7.000000000000000013")),
            (Owner(4), Rewards.Ovpp("0.987654321098765432")),
            (Owner(5), Rewards.Ovpp("31.415926535897932384")));
        var tree = RewardTree.Build(rewards);
        await ovpp.CommitAsync(1, EpochData.Empty, tree, rewards.Total);

        foreach (var index in Owners)
        {
            var owner = Owner(index);
            var receipt = await ovpp.ClaimAsync(chain.Account(index), tree, owner);
            var emptiesPool = (await ovpp.Token.UnclaimedRewardsAsync()).IsZero ? " (empties the pool: refund for clearing its slot)" : string.Empty;
            output.WriteLine($"claim, first, fresh account, 4-owner tree (depth {tree.GetProof(owner)!.Proof.Count}): {receipt.GasUsed:N0} gas{emptiesPool}");
            Assert.True(receipt.GasUsed <= 60_000, $"A first claim cost {receipt.GasUsed:N0} gas, above the 60,000 target.");
            Assert.Equal(rewards.AmountOf(owner), await ovpp.Token.BalanceOfAsync(chain.Account(index).Address));
            Assert.Equal(rewards.AmountOf(owner), await ovpp.Token.ClaimedAsync(chain.Account(index).Address));
        }

        Assert.Equal(BigInteger.Zero, await ovpp.Token.UnclaimedRewardsAsync());

        var again = await Revert.ExpectAsync("NothingToClaim", () => ovpp.ClaimAsync(chain.Account(2), tree, Owner(2)));
        Assert.Equal(chain.Account(2).Address, new EthAddress((byte[])again.Arguments[0]!));
        Assert.Equal(rewards.AmountOf(Owner(2)), (BigInteger)again.Arguments[1]!);
        Assert.Equal(rewards.AmountOf(Owner(2)), (BigInteger)again.Arguments[2]!);
    }

    [Fact]
    public async Task A_wrong_proof_or_amount_is_refused()
    {
        var ovpp = await chain.DeployAsync();
        var rewards = FourOwners(1, Rewards.Ovpp("10.5"));
        var tree = RewardTree.Build(rewards);
        await ovpp.CommitAsync(1, EpochData.Empty, tree, rewards.Total);
        var sender = chain.Account(2);
        var mine = tree.GetProof(Owner(2))!;
        var theirs = tree.GetProof(Owner(3))!;

        await Revert.ExpectAsync("InvalidProof", () => ovpp.Token.ClaimAsync(sender, sender.Address, mine.CumulativeAmount + 1, mine.Proof));
        await Revert.ExpectAsync("InvalidProof", () => ovpp.Token.ClaimAsync(sender, sender.Address, mine.CumulativeAmount, theirs.Proof));
        await Revert.ExpectAsync("InvalidProof", () => ovpp.Token.ClaimAsync(sender, sender.Address, theirs.CumulativeAmount, theirs.Proof));
        await Revert.ExpectAsync("InvalidProof", () => ovpp.Token.ClaimAsync(sender, sender.Address, mine.CumulativeAmount, mine.Proof.Skip(1).ToList()));
        Assert.Equal(BigInteger.Zero, await ovpp.Token.BalanceOfAsync(sender.Address));

        await ovpp.ClaimAsync(sender, tree, Owner(2));
        Assert.Equal(mine.CumulativeAmount, await ovpp.Token.BalanceOfAsync(sender.Address));
    }

    [Fact]
    public async Task A_later_epoch_pays_only_the_increase()
    {
        var ovpp = await chain.DeployAsync();
        var first = FourOwners(1, Rewards.Ovpp("3.333333333333333333"));
        var firstTree = RewardTree.Build(first);
        await ovpp.CommitAsync(1, EpochData.Empty, firstTree, first.Total);
        await ovpp.ClaimAsync(chain.Account(2), firstTree, Owner(2));
        var afterFirst = await ovpp.Token.BalanceOfAsync(chain.Account(2).Address);

        var second = Rewards.Cumulative(2,
            (Owner(2), first.AmountOf(Owner(2)) + Rewards.Ovpp("1.111111111111111111")),
            (Owner(3), first.AmountOf(Owner(3)) + Rewards.Ovpp("2.5")),
            (Owner(4), first.AmountOf(Owner(4))),
            (Owner(5), first.AmountOf(Owner(5)) + Rewards.Ovpp("0.000000000000000001")));
        var secondTree = RewardTree.Build(second);
        await ovpp.CommitAsync(2, EpochData.Empty, secondTree, second.Total - first.Total);

        // The superseded root no longer pays; the new one pays exactly the difference to what was claimed.
        await Revert.ExpectAsync("InvalidProof", () => ovpp.ClaimAsync(chain.Account(3), firstTree, Owner(3)));
        var repeat = await ovpp.ClaimAsync(chain.Account(2), secondTree, Owner(2));
        output.WriteLine($"claim, repeat (holds a balance): {repeat.GasUsed:N0} gas");
        Assert.Equal(second.AmountOf(Owner(2)) - first.AmountOf(Owner(2)), await ovpp.Token.BalanceOfAsync(chain.Account(2).Address) - afterFirst);
        Assert.Equal(second.AmountOf(Owner(2)), await ovpp.Token.ClaimedAsync(chain.Account(2).Address));

        // An owner that skipped epoch 1's claim gets both epochs in one.
        await ovpp.ClaimAsync(chain.Account(3), secondTree, Owner(3));
        Assert.Equal(second.AmountOf(Owner(3)), await ovpp.Token.BalanceOfAsync(chain.Account(3).Address));
        Assert.Equal(second.Total - second.AmountOf(Owner(2)) - second.AmountOf(Owner(3)), await ovpp.Token.UnclaimedRewardsAsync());
    }

    [Fact]
    public async Task Anyone_may_claim_for_an_account_and_the_account_is_paid()
    {
        var ovpp = await chain.DeployAsync();
        var beneficiary = Rewards.RandomAccount();
        var rewards = Rewards.Cumulative(1,
            (beneficiary, Rewards.Ovpp("42.000000000000000042")),
            (Owner(2), Rewards.Ovpp("1")),
            (Owner(3), Rewards.Ovpp("2")),
            (Owner(4), Rewards.Ovpp("3")));
        var tree = RewardTree.Build(rewards);
        await ovpp.CommitAsync(1, EpochData.Empty, tree, rewards.Total);
        var submitter = chain.Account(6);

        var receipt = await ovpp.ClaimAsync(submitter, tree, beneficiary);

        output.WriteLine($"claim for another account (fresh, submitted by a third party): {receipt.GasUsed:N0} gas");
        Assert.Equal(rewards.AmountOf(beneficiary), await ovpp.Token.BalanceOfAsync(DeployedOvpp.ToEth(beneficiary)));
        Assert.Equal(BigInteger.Zero, await ovpp.Token.BalanceOfAsync(submitter.Address));
        var transfer = ovpp.Token.DecodeEvent(Assert.Single(receipt.Logs), OvppTokenContract.TransferEvent);
        Assert.Equal(ovpp.Token.Address, new EthAddress((byte[])transfer[0]!));
        Assert.Equal(DeployedOvpp.ToEth(beneficiary), new EthAddress((byte[])transfer[1]!));
        Assert.Equal(rewards.AmountOf(beneficiary), (BigInteger)transfer[2]!);
    }

    private AccountAddress Owner(int index) => Rewards.Account(chain.Account(index).Address);

    private CumulativeRewards FourOwners(long epoch, BigInteger unit) =>
        Rewards.Cumulative(epoch, [.. Owners.Select(i => (Owner(i), unit * (i - 1)))]);
}
