using System.Numerics;
using OpenVpp.Contracts.Tests.Support;
using OpenVpp.Core.Rewards;
using Xunit.Abstractions;

namespace OpenVpp.Contracts.Tests;

[Collection(SharedAnvil.Name)]
public sealed class TransferTests(AnvilFixture chain, ITestOutputHelper output)
{
    [Fact]
    public async Task Claimed_OVPP_moves_between_holders()
    {
        var ovpp = await chain.DeployAsync();
        var alice = chain.Account(2);
        var bob = chain.Account(3);
        var carol = chain.Account(4);
        var rewards = Rewards.Cumulative(1,
            (Rewards.Account(alice.Address), Rewards.Ovpp("50.123456789012345678")),
            (Rewards.Account(bob.Address), Rewards.Ovpp("20.5")));
        var tree = RewardTree.Build(rewards);
        await ovpp.CommitAsync(1, EpochData.Empty, tree, rewards.Total);
        await ovpp.ClaimAsync(alice, tree, Rewards.Account(alice.Address));
        await ovpp.ClaimAsync(bob, tree, Rewards.Account(bob.Address));
        var aliceBefore = await ovpp.Token.BalanceOfAsync(alice.Address);
        var bobBefore = await ovpp.Token.BalanceOfAsync(bob.Address);

        var amount = Rewards.Ovpp("12.000000000000000007");
        var toHolder = await ovpp.Token.TransferAsync(alice, bob.Address, amount);
        var toFresh = await ovpp.Token.TransferAsync(alice, carol.Address, Rewards.Ovpp("1"));

        output.WriteLine($"OVPP transfer between two holders: {toHolder.GasUsed:N0} gas");
        output.WriteLine($"OVPP transfer to an account with no balance: {toFresh.GasUsed:N0} gas");
        Assert.Equal(aliceBefore - amount - Rewards.Ovpp("1"), await ovpp.Token.BalanceOfAsync(alice.Address));
        Assert.Equal(bobBefore + amount, await ovpp.Token.BalanceOfAsync(bob.Address));
        Assert.Equal(Rewards.Ovpp("1"), await ovpp.Token.BalanceOfAsync(carol.Address));
        // A transfer is not a claim: the claimed totals sharing the balance slots are untouched.
        Assert.Equal(rewards.AmountOf(Rewards.Account(bob.Address)), await ovpp.Token.ClaimedAsync(bob.Address));
        Assert.Equal(BigInteger.Zero, await ovpp.Token.ClaimedAsync(carol.Address));
        Assert.Equal(rewards.Total, await ovpp.Token.TotalSupplyAsync());

        await Revert.ExpectAsync("ERC20InsufficientBalance", () => ovpp.Token.TransferAsync(carol, bob.Address, Rewards.Ovpp("1") + 1));
    }
}
