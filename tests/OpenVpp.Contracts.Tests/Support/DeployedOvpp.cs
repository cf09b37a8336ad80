using System.Numerics;
using OpenVpp.Chain.Contracts;
using OpenVpp.Chain.Crypto;
using OpenVpp.Chain.Deployment;
using OpenVpp.Chain.Rpc;
using OpenVpp.Chain.Transactions;
using OpenVpp.Core.Accounts;
using OpenVpp.Core.Rewards;

namespace OpenVpp.Contracts.Tests.Support;

/// <summary>One deployment of the value layer, with its typed bindings and a commit shortcut for the oracle.</summary>
public sealed class DeployedOvpp
{
    public const long FirstEpoch = 1;

    /// <summary>One billion OVPP (18 decimals): far above anything a test mints.</summary>
    public static readonly BigInteger SupplyCap = BigInteger.Parse("1000000000000000000000000000", System.Globalization.CultureInfo.InvariantCulture);

    private readonly AnvilFixture _chain;

    private DeployedOvpp(AnvilFixture chain, DeploymentManifest manifest)
    {
        _chain = chain;
        Manifest = manifest;
        Registry = new DeviceRegistryContract(chain.Rpc, EthAddress.Parse(manifest.Contracts.Registry));
        Token = new OvppTokenContract(chain.Rpc, EthAddress.Parse(manifest.Contracts.Token));
        Ledger = new EpochLedgerContract(chain.Rpc, EthAddress.Parse(manifest.Contracts.EpochLedger));
    }

    public DeploymentManifest Manifest { get; }

    public DeviceRegistryContract Registry { get; }

    public OvppTokenContract Token { get; }

    public EpochLedgerContract Ledger { get; }

    internal static async Task<DeployedOvpp> DeployAsync(AnvilFixture chain)
    {
        var manifest = await OvppDeployer.DeployAsync(chain.Rpc, chain.Admin, chain.Oracle.Address, SupplyCap, FirstEpoch);
        return new DeployedOvpp(chain, manifest);
    }

    /// <summary>Commits <paramref name="epoch"/> as the oracle.</summary>
    public Task<TransactionReceipt> CommitAsync(
        long epoch, byte[] dataRoot, byte[] rewardRoot, BigInteger reward, long energyWh = 0, int readingCount = 0, int deviceCount = 0) =>
        Ledger.CommitEpochAsync(_chain.Oracle, new EpochCommitment(epoch, dataRoot, rewardRoot, energyWh, reward, readingCount, deviceCount));

    /// <summary>Commits <paramref name="epoch"/> with <paramref name="tree"/> as the reward root and <paramref name="reward"/> minted.</summary>
    public Task<TransactionReceipt> CommitAsync(long epoch, EpochData data, RewardTree tree, BigInteger reward) =>
        CommitAsync(epoch, data.Root, tree.Root, reward, 0, data.Readings.Count, data.DeviceCount);

    /// <summary>Claims <paramref name="account"/>'s leaf of <paramref name="tree"/>, submitted by <paramref name="submitter"/>.</summary>
    public Task<TransactionReceipt> ClaimAsync(TransactionSender submitter, RewardTree tree, AccountAddress account)
    {
        var proof = tree.GetProof(account) ?? throw new InvalidOperationException($"{account} has no leaf in the tree.");
        return Token.ClaimAsync(submitter, ToEth(account), proof.CumulativeAmount, proof.Proof);
    }

    public static EthAddress ToEth(AccountAddress account) => new(account.Bytes);
}
