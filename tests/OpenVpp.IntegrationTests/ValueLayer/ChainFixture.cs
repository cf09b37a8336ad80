using OpenVpp.Chain.Contracts;
using OpenVpp.Chain.Crypto;
using OpenVpp.Chain.Deployment;
using OpenVpp.Chain.Hosting;
using OpenVpp.Chain.Rpc;
using OpenVpp.Chain.Transactions;
using OpenVpp.Core.Rewards;

namespace OpenVpp.IntegrationTests.ValueLayer;

/// <summary>
/// A real anvil (from the repository's node_modules) with the value layer deployed by <see cref="OvppDeployer"/>, and a
/// data directory holding its deployment.json, as `openvpp up` lays it out. Shared by the tests of one class.
/// </summary>
public sealed class ChainFixture : IAsyncLifetime
{
    private AnvilProcess? _anvil;

    public string DataDir { get; } = Directory.CreateTempSubdirectory("openvpp-chain-cli-").FullName;

    public EthRpcClient Rpc { get; private set; } = null!;

    public DeploymentManifest Manifest { get; private set; } = null!;

    public ulong ChainId => _anvil!.ChainId;

    /// <summary>Dev account 1 holds ORACLE_ROLE on the ledger.</summary>
    public static Secp256k1Key OracleKey => AnvilDevAccounts.Key(1);

    public OvppTokenContract Token => new(Rpc, EthAddress.Parse(Manifest.Contracts.Token));

    public DeviceRegistryContract Registry => new(Rpc, EthAddress.Parse(Manifest.Contracts.Registry));

    public EpochLedgerContract Ledger => new(Rpc, EthAddress.Parse(Manifest.Contracts.EpochLedger));

    public AnvilRpc Dev => new(Rpc);

    public TransactionSender Sender(Secp256k1Key key) =>
        new(Rpc, key, ChainId, new TransactionSenderOptions { RevertDecoder = OvppArtifacts.RevertDecoder, ReceiptPollInterval = TimeSpan.FromMilliseconds(50) });

    public async Task InitializeAsync()
    {
        _anvil = await AnvilProcess.StartAsync(new AnvilOptions { ExecutablePath = RepoRoot.Combine("node_modules", ".bin", "anvil") });
        Rpc = _anvil.CreateClient();
        using var admin = Sender(AnvilDevAccounts.Key(0));
        Manifest = await OvppDeployer.DeployAsync(Rpc, admin, OracleKey.Address, Ovpp.FromTokens(20_000_000), firstEpoch: 0);
        Manifest.Save(Path.Combine(DataDir, DeploymentManifest.FileName));
    }

    public async Task DisposeAsync()
    {
        Rpc?.Dispose();
        if (_anvil is not null)
        {
            await _anvil.DisposeAsync();
        }

        Directory.Delete(DataDir, recursive: true);
    }
}
