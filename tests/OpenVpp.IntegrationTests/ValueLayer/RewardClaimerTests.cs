using System.Numerics;
using System.Text.Json;
using OpenVpp.Chain.Contracts;
using OpenVpp.Chain.Crypto;
using OpenVpp.Chain.Hosting;
using OpenVpp.Chain.Wallets;
using OpenVpp.Cli.Wallets;
using OpenVpp.Core.Accounts;
using OpenVpp.Core.Rewards;

namespace OpenVpp.IntegrationTests.ValueLayer;

/// <summary>
/// <see cref="RewardClaimer"/> against a real token: the oracle (dev account 1) commits an epoch whose reward root
/// comes from Core's <see cref="RewardTree"/>, and claims use proofs from the same tree.
/// </summary>
public sealed class RewardClaimerTests(ChainFixture chain) : IClassFixture<ChainFixture>
{
    private static readonly BigInteger AliceEarned = Ovpp.FromTokens(3);
    private static readonly BigInteger BobEarned = Ovpp.FromTokens(7) + (Ovpp.BaseUnitsPerToken / 4);

    [Fact]
    public async Task Pays_the_cumulative_reward_once_for_oneself_or_for_another_account_and_explains_refusals()
    {
        var wallets = new WalletStore(Path.Combine(chain.DataDir, "wallets"));
        var alice = wallets.Create("alice");
        await chain.Dev.SetBalanceAsync(alice.Address, BigInteger.Pow(10, 19));
        var bob = AnvilDevAccounts.Key(7).Address;
        var rewards = CumulativeRewards.FromAmounts(
            [new(Account(alice.Address), AliceEarned), new(Account(bob), BobEarned)], lastEpoch: 0);
        var tree = RewardTree.Build(rewards);
        var token = chain.Token;
        using var sender = chain.Sender(alice);

        // Before any epoch is committed the token has no root: claims are paused.
        var paused = await Assert.ThrowsAsync<ClaimRefusedException>(() => RewardClaimer.ClaimAsync(token, sender, tree.GetProof(Account(alice.Address))!));
        Assert.Equal(ClaimRefusal.ClaimsPaused, paused.Refusal);
        Assert.StartsWith("claims are paused", paused.Message, StringComparison.Ordinal);

        using (var oracle = chain.Sender(ChainFixture.OracleKey))
        {
            var epoch = await chain.Ledger.NextEpochAsync();
            await chain.Ledger.CommitEpochAsync(oracle, new EpochCommitment(epoch, new byte[32], tree.Root, 0, rewards.Total, 0, 0));
        }

        var paid = await RewardClaimer.ClaimAsync(token, sender, tree.GetProof(Account(alice.Address))!);

        Assert.Equal(AliceEarned, paid.Paid);
        Assert.Equal(AliceEarned, paid.BalanceAfter);
        Assert.Equal(AliceEarned, await token.BalanceOfAsync(alice.Address));
        Assert.Equal(AliceEarned, await token.ClaimedAsync(alice.Address));
        Assert.Equal(alice.Address, paid.Sender);
        Assert.InRange(paid.GasUsed, 21_000UL, 120_000UL);
        Assert.Matches("^0x[0-9a-f]{64}$", paid.TransactionHashHex);

        var twice = await Assert.ThrowsAsync<ClaimRefusedException>(() => RewardClaimer.ClaimAsync(token, sender, tree.GetProof(Account(alice.Address))!));
        Assert.Equal(ClaimRefusal.NothingToClaim, twice.Refusal);
        Assert.Contains("nothing to claim", twice.Message, StringComparison.Ordinal);
        Assert.Contains("already claimed 3 of 3 OVPP", twice.Message, StringComparison.Ordinal);

        // A proof for another amount than the leaf's does not verify.
        var bobProof = tree.GetProof(Account(bob))!;
        var forged = await Assert.ThrowsAsync<ClaimRefusedException>(
            () => RewardClaimer.ClaimAsync(token, sender, bob, BobEarned + 1, bobProof.Proof));
        Assert.Equal(ClaimRefusal.InvalidProof, forged.Refusal);

        // Alice sends (and pays gas for) Bob's claim; the tokens go to Bob.
        var forBob = await RewardClaimer.ClaimAsync(token, sender, bobProof);
        Assert.Equal(BobEarned, forBob.Paid);
        Assert.Equal(bob, forBob.Account);
        Assert.Equal(BobEarned, await token.BalanceOfAsync(bob));
        Assert.Equal(AliceEarned, await token.BalanceOfAsync(alice.Address));

        // What `wallet balance` shows afterwards.
        var (code, output, error) = await CliRunner.RunAsync(
            "wallet", "balance", "--address", bob.ToString(), "--data", chain.DataDir, "--node", "http://127.0.0.1:1", "--json");
        Assert.True(code == 0, error);
        using var json = JsonDocument.Parse(output);
        Assert.Equal("7.25", json.RootElement.GetProperty("ovpp").GetProperty("tokens").GetString());
        Assert.Equal(BobEarned.ToString(), json.RootElement.GetProperty("claimed").GetProperty("base_units").GetString());
    }

    private static AccountAddress Account(EthAddress address) => new(address.ToArray());
}
