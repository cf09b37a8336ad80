using System.Numerics;
using OpenVpp.Chain.Contracts;
using OpenVpp.Chain.Crypto;
using OpenVpp.Chain.Rpc;
using OpenVpp.Contracts.Tests.Support;
using OpenVpp.Core.Accounts;
using OpenVpp.Core.Crypto;
using OpenVpp.Core.Devices;
using OpenVpp.Core.Rewards;
using Xunit.Abstractions;

namespace OpenVpp.Contracts.Tests;

/// <summary>
/// Challenges against committed data roots built from real signed readings: two registered devices (a PV inverter
/// owned by account 2, a battery owned by account 3) report honestly; a bad reading may be slipped in.
/// </summary>
[Collection(SharedAnvil.Name)]
public sealed class DisputeTests(AnvilFixture chain, ITestOutputHelper output) : IDisposable
{
    private const int PvOwner = 2;
    private const int BatteryOwner = 3;
    private const int Challenger = 7;

    /// <summary>EpochLedger.DisputeReason.</summary>
    private const int UnregisteredDevice = 1;
    private const int BadSignature = 2;

    private readonly P256DeviceKey _pv = P256DeviceKey.Create();
    private readonly P256DeviceKey _battery = P256DeviceKey.Create();
    private readonly P256DeviceKey _outsider = P256DeviceKey.Create();

    public static TheoryData<string> BadReadings => ["signed by another key", "altered after signing", "unregistered device"];

    [Fact]
    public async Task An_honest_epoch_survives_a_challenge_and_claims_go_on()
    {
        var ovpp = await DeployWithDevicesAsync();
        var honest = HonestReadings();
        var data = new EpochData(honest);
        var rewards = Rewards.Cumulative(1, (Owner(PvOwner), Rewards.Ovpp("4.2")), (Owner(BatteryOwner), Rewards.Ovpp("1.7")));
        var tree = RewardTree.Build(rewards);
        await ovpp.CommitAsync(1, data, tree, rewards.Total);

        var valid = honest[2];
        await Revert.ExpectAsync("ReadingIsValid", () => Challenge(ovpp, 1, data, valid, _pv));
        await Revert.ExpectAsync("KeyDoesNotMatchDevice", () => Challenge(ovpp, 1, data, valid, _battery));
        await Revert.ExpectAsync("ReadingNotInRoot", () => Challenge(ovpp, 1, data, SignedReadings.Build(_pv, 99, 1), _pv, data.Proof(valid)));

        Assert.False(await ovpp.Ledger.IsDisputedAsync(1));
        Assert.Equal(0, await ovpp.Ledger.OpenDisputesAsync());
        Assert.Equal(tree.Root, await ovpp.Token.RewardRootAsync());
        await ovpp.ClaimAsync(chain.Account(PvOwner), tree, Owner(PvOwner));
        Assert.Equal(rewards.AmountOf(Owner(PvOwner)), await ovpp.Token.BalanceOfAsync(chain.Account(PvOwner).Address));
    }

    [Theory]
    [MemberData(nameof(BadReadings))]
    public async Task A_bad_reading_in_a_committed_root_disputes_the_epoch_and_pauses_claims(string kind)
    {
        var ovpp = await DeployWithDevicesAsync();
        var (bad, key, device, reason) = kind switch
        {
            "signed by another key" => (SignedReadings.Build(_outsider, _pv.Id, 5, 9_999), _pv, _pv.Id, BadSignature),
            "altered after signing" => (Altered(SignedReadings.Build(_battery, 5, 120)), _battery, _battery.Id, BadSignature),
            "unregistered device" => (SignedReadings.Build(_outsider, 1, 9_999), _outsider, _outsider.Id, UnregisteredDevice),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
        var data = new EpochData([.. HonestReadings(), bad]);
        var rewards = Rewards.Cumulative(1, (Owner(PvOwner), Rewards.Ovpp("4.2")), (Owner(BatteryOwner), Rewards.Ovpp("1.7")));
        var tree = RewardTree.Build(rewards);
        await ovpp.CommitAsync(1, data, tree, rewards.Total);

        var receipt = await Challenge(ovpp, 1, data, bad, key);

        output.WriteLine($"challenge, {kind}: {receipt.GasUsed:N0} gas");
        var disputed = ovpp.Ledger.DecodeEvent(
            Assert.Single(receipt.Logs, l => ovpp.Ledger.IsEvent(l, EpochLedgerContract.EpochDisputedEvent)), EpochLedgerContract.EpochDisputedEvent);
        // EpochDisputed(epoch, deviceId, leaf, reason, challenger)
        Assert.Equal(BigInteger.One, (BigInteger)disputed[0]!);
        Assert.Equal(device.Bytes.ToArray(), (byte[])disputed[1]!);
        Assert.Equal(Core.Merkle.MerkleTree.LeafHash(bad), (byte[])disputed[2]!);
        Assert.Equal((BigInteger)reason, (BigInteger)disputed[3]!);
        Assert.Equal(chain.Account(Challenger).Address, new EthAddress((byte[])disputed[4]!));

        Assert.True(await ovpp.Ledger.IsDisputedAsync(1));
        Assert.Equal(1, await ovpp.Ledger.OpenDisputesAsync());
        Assert.Equal(new byte[32], await ovpp.Token.RewardRootAsync());
        await Revert.ExpectAsync("ClaimsPaused", () => ovpp.ClaimAsync(chain.Account(PvOwner), tree, Owner(PvOwner)));
        await Revert.ExpectAsync("EpochAlreadyDisputed", () => Challenge(ovpp, 1, data, bad, key));
    }

    [Fact]
    public async Task The_oracle_resolves_a_dispute_with_corrected_roots_and_claims_resume()
    {
        var ovpp = await DeployWithDevicesAsync();
        var honest = HonestReadings();
        var forged = SignedReadings.Build(_outsider, _pv.Id, 5, 9_999);
        var data = new EpochData([.. honest, forged]);
        var inflated = Rewards.Cumulative(1, (Owner(PvOwner), Rewards.Ovpp("104.2")), (Owner(BatteryOwner), Rewards.Ovpp("1.7")));
        await ovpp.CommitAsync(1, data, RewardTree.Build(inflated), inflated.Total);
        await Challenge(ovpp, 1, data, forged, _pv);

        // Commits go on while disputed: epoch 2's reward is minted, but its root is not handed to the token.
        var epoch2Reward = Rewards.Ovpp("2.5");
        var inflated2 = Rewards.Cumulative(2,
            (Owner(PvOwner), inflated.AmountOf(Owner(PvOwner)) + Rewards.Ovpp("1.5")), (Owner(BatteryOwner), inflated.AmountOf(Owner(BatteryOwner)) + Rewards.Ovpp("1")));
        var inflatedTree2 = RewardTree.Build(inflated2);
        await ovpp.CommitAsync(2, EpochData.Empty, inflatedTree2, epoch2Reward);
        Assert.Equal(new byte[32], await ovpp.Token.RewardRootAsync());
        Assert.Equal(2, await ovpp.Token.RootEpochAsync());
        Assert.Equal(inflated.Total + epoch2Reward, await ovpp.Token.TotalSupplyAsync());
        await Revert.ExpectAsync("ClaimsPaused", () => ovpp.ClaimAsync(chain.Account(PvOwner), inflatedTree2, Owner(PvOwner)));

        // The oracle recomputes epoch 1 without the forged reading and the cumulative root through epoch 2.
        var correctedData = new EpochData(honest);
        var corrected = Rewards.Cumulative(2, (Owner(PvOwner), Rewards.Ovpp("4.2") + Rewards.Ovpp("1.5")), (Owner(BatteryOwner), Rewards.Ovpp("1.7") + Rewards.Ovpp("1")));
        var correctedTree = RewardTree.Build(corrected);
        await Revert.ExpectAsync("AccessControlUnauthorizedAccount", () => ovpp.Ledger.ResolveDisputeAsync(
            chain.Account(Challenger), 1, correctedData.Root, 800, correctedData.Readings.Count, correctedData.DeviceCount, correctedTree.Root));
        Assert.True(await ovpp.Ledger.IsDisputedAsync(1));

        var receipt = await ovpp.Ledger.ResolveDisputeAsync(
            chain.Oracle, 1, correctedData.Root, 800, correctedData.Readings.Count, correctedData.DeviceCount, correctedTree.Root);

        output.WriteLine($"resolveDispute, last open dispute: {receipt.GasUsed:N0} gas");
        var resolved = ovpp.Ledger.DecodeEvent(
            Assert.Single(receipt.Logs, l => ovpp.Ledger.IsEvent(l, EpochLedgerContract.DisputeResolvedEvent)), EpochLedgerContract.DisputeResolvedEvent);
        Assert.Equal(BigInteger.One, (BigInteger)resolved[0]!);
        Assert.Equal(correctedData.Root, (byte[])resolved[1]!);
        Assert.Equal(correctedTree.Root, (byte[])resolved[2]!);
        Assert.False(await ovpp.Ledger.IsDisputedAsync(1));
        Assert.Equal(0, await ovpp.Ledger.OpenDisputesAsync());
        var epoch1 = await ovpp.Ledger.EpochInfoAsync(1);
        Assert.Equal(correctedData.Root, epoch1.DataRoot);
        Assert.Equal((8L, 2L), (epoch1.ReadingCount, epoch1.DeviceCount));
        Assert.Equal(correctedTree.Root, (await ovpp.Ledger.EpochInfoAsync(2)).RewardRoot);
        Assert.Equal(correctedTree.Root, await ovpp.Token.RewardRootAsync());

        // The inflated amounts are gone; the corrected ones pay.
        await Revert.ExpectAsync("InvalidProof", () => ovpp.ClaimAsync(chain.Account(PvOwner), inflatedTree2, Owner(PvOwner)));
        foreach (var index in new[] { PvOwner, BatteryOwner })
        {
            await ovpp.ClaimAsync(chain.Account(index), correctedTree, Owner(index));
            Assert.Equal(corrected.AmountOf(Owner(index)), await ovpp.Token.BalanceOfAsync(chain.Account(index).Address));
        }

        // The corrected epoch can be challenged again, against its new root: the forged reading is no longer in it.
        await Revert.ExpectAsync("ReadingNotInRoot", () => Challenge(ovpp, 1, data, forged, _pv));
        await Revert.ExpectAsync("ReadingIsValid", () => Challenge(ovpp, 1, correctedData, honest[0], _pv));
        await Revert.ExpectAsync("EpochNotDisputed", () => ovpp.Ledger.ResolveDisputeAsync(
            chain.Oracle, 1, correctedData.Root, 800, correctedData.Readings.Count, correctedData.DeviceCount, correctedTree.Root));
    }

    public void Dispose()
    {
        _pv.Dispose();
        _battery.Dispose();
        _outsider.Dispose();
    }

    private async Task<DeployedOvpp> DeployWithDevicesAsync()
    {
        var ovpp = await chain.DeployAsync();
        await ovpp.Registry.RegisterDevicesAsync(chain.Account(PvOwner), [new OnChainDevice(_pv.PublicKey, default, 9_800, 0, "DE-BY", DeviceKind.SolarInverter)]);
        await ovpp.Registry.RegisterDevicesAsync(chain.Account(BatteryOwner), [new OnChainDevice(_battery.PublicKey, default, 5_000, 13_500, "DE-BY", DeviceKind.Battery)]);
        return ovpp;
    }

    /// <summary>Four readings of each registered device, each signed by the device itself (800 Wh in all).</summary>
    private List<byte[]> HonestReadings() =>
        [.. Enumerable.Range(1, 4).SelectMany(i => new[] { SignedReadings.Build(_pv, (ulong)i, 150), SignedReadings.Build(_battery, (ulong)i, 50) })];

    private Task<TransactionReceipt> Challenge(
        DeployedOvpp ovpp, long epoch, EpochData data, byte[] reading, P256DeviceKey key, IReadOnlyList<byte[]>? proof = null) =>
        ovpp.Ledger.ChallengeAsync(chain.Account(Challenger), epoch, reading, proof ?? data.Proof(reading), key.PublicKey);

    /// <summary>The reading with its exported energy raised after it was signed.</summary>
    private static byte[] Altered(byte[] signedReading)
    {
        var copy = (byte[])signedReading.Clone();
        copy[62] ^= 0x01; // exported Wh, bytes 56..63, +256
        return copy;
    }

    private AccountAddress Owner(int index) => Rewards.Account(chain.Account(index).Address);
}
