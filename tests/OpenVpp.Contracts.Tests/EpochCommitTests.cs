using System.Numerics;
using System.Security.Cryptography;
using OpenVpp.Chain.Contracts;
using OpenVpp.Chain.Crypto;
using OpenVpp.Contracts.Tests.Support;
using Xunit.Abstractions;

namespace OpenVpp.Contracts.Tests;

[Collection(SharedAnvil.Name)]
public sealed class EpochCommitTests(AnvilFixture chain, ITestOutputHelper output)
{
    private static readonly BigInteger Reward = Rewards.Ovpp("1234.567890123456789012");

    [Fact]
    public async Task Only_the_oracle_commits()
    {
        var ovpp = await chain.DeployAsync();
        var commitment = new EpochCommitment(1, Hash(), Hash(), 100, Reward, 1, 1);

        foreach (var intruder in new[] { chain.Admin, chain.Account(5) })
        {
            var reason = await Revert.ExpectAsync("AccessControlUnauthorizedAccount", () => ovpp.Ledger.CommitEpochAsync(intruder, commitment));
            Assert.Equal(intruder.Address, new EthAddress((byte[])reason.Arguments[0]!));
            Assert.Equal(EpochLedgerContract.Role("ORACLE_ROLE"), (byte[])reason.Arguments[1]!);
        }

        Assert.Equal(1, await ovpp.Ledger.NextEpochAsync());
        Assert.Equal(BigInteger.Zero, await ovpp.Token.TotalSupplyAsync());
        await ovpp.Ledger.CommitEpochAsync(chain.Oracle, commitment);
        Assert.Equal(2, await ovpp.Ledger.NextEpochAsync());
    }

    [Fact]
    public async Task Epochs_commit_once_each_and_in_order()
    {
        var ovpp = await chain.DeployAsync();

        var skipAhead = await Revert.ExpectAsync("EpochOutOfOrder", () => ovpp.CommitAsync(2, Hash(), Hash(), Reward));
        Assert.Equal(new object[] { BigInteger.One, new BigInteger(2) }, skipAhead.Arguments);
        await Revert.ExpectAsync("EpochOutOfOrder", () => ovpp.CommitAsync(0, Hash(), Hash(), Reward));

        var dataRoot = Hash();
        await ovpp.CommitAsync(1, dataRoot, Hash(), Reward, 5_000, 96, 1);
        var twice = await Revert.ExpectAsync("EpochOutOfOrder", () => ovpp.CommitAsync(1, Hash(), Hash(), Reward));
        Assert.Equal(new object[] { new BigInteger(2), BigInteger.One }, twice.Arguments);

        var stored = await ovpp.Ledger.EpochInfoAsync(1);
        Assert.Equal(dataRoot, stored.DataRoot);
        Assert.Equal(Reward, stored.Reward);
        Assert.Equal(new BigInteger(5_000), stored.EnergyWh);
        Assert.Equal((96L, 1L), (stored.ReadingCount, stored.DeviceCount));
        Assert.Equal(Reward, await ovpp.Token.TotalSupplyAsync());
    }

    [Fact]
    public async Task An_empty_epoch_commits_with_a_zero_data_root()
    {
        var ovpp = await chain.DeployAsync();
        var rewardRoot = Hash();
        await ovpp.CommitAsync(1, Hash(), rewardRoot, Reward);

        // No readings: zero data root, nothing issued, the cumulative reward root carried over.
        await ovpp.CommitAsync(2, new byte[32], rewardRoot, BigInteger.Zero);

        var empty = await ovpp.Ledger.EpochInfoAsync(2);
        Assert.True(empty.IsCommitted);
        Assert.Equal(new byte[32], empty.DataRoot);
        Assert.Equal(3, await ovpp.Ledger.NextEpochAsync());
        Assert.Equal(rewardRoot, await ovpp.Token.RewardRootAsync());
        Assert.Equal(2, await ovpp.Token.RootEpochAsync());
        Assert.Equal(Reward, await ovpp.Token.TotalSupplyAsync());

        // Committed, so a challenge gets as far as the (empty) root rather than EpochNotCommitted.
        using var device = Core.Crypto.P256DeviceKey.Create();
        var reading = SignedReadings.Build(device, 1, 10);
        await Revert.ExpectAsync("ReadingNotInRoot", () => ovpp.Ledger.ChallengeAsync(chain.Account(7), 2, reading, [], device.PublicKey));
        await Revert.ExpectAsync("EpochNotCommitted", () => ovpp.Ledger.ChallengeAsync(chain.Account(7), 3, reading, [], device.PublicKey));
    }

    [Fact]
    public async Task Commit_gas_does_not_depend_on_the_number_of_devices()
    {
        var ovpp = await chain.DeployAsync();
        var first = await ovpp.CommitAsync(1, Hash(), Hash(), Reward, 1_000_000, 96, 1);
        var small = await ovpp.CommitAsync(2, Hash(), Hash(), Reward, 80_000_000, 960, 10);
        var large = await ovpp.CommitAsync(3, Hash(), Hash(), Reward, 2_400_000_000, 28_801, 300);

        output.WriteLine($"commitEpoch, first epoch: {first.GasUsed:N0} gas");
        output.WriteLine($"commitEpoch, 10 devices: {small.GasUsed:N0} gas");
        output.WriteLine($"commitEpoch, 300 devices: {large.GasUsed:N0} gas");
        var difference = Math.Abs((double)large.GasUsed - small.GasUsed) / small.GasUsed;
        Assert.True(difference <= 0.05, $"10 devices: {small.GasUsed:N0} gas, 300 devices: {large.GasUsed:N0} gas ({difference:P2} apart).");
    }

    private static byte[] Hash() => RandomNumberGenerator.GetBytes(32);
}
