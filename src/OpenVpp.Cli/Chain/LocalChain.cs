using System.Numerics;
using OpenVpp.Chain.Contracts;
using OpenVpp.Chain.Deployment;
using OpenVpp.Chain.Hosting;
using OpenVpp.Chain.Rpc;
using OpenVpp.Chain.Transactions;
using OpenVpp.Chain.Wallets;
using OpenVpp.Core.Rewards;

namespace OpenVpp.Cli.Chain;

/// <summary>
/// A local value layer for `up` and `demo`: anvil on loopback (a child process, stopped on dispose), the contracts
/// deployed once and described by DIR/deployment.json, and the admin and oracle keys kept as wallets in DIR/wallets
/// (anvil's public dev keys: local chains only). With a state file the chain, and so the manifest, survive restarts.
/// </summary>
internal sealed class LocalChain : IAsyncDisposable
{
    public const string AdminWallet = "admin";
    public const string OracleWallet = "oracle";

    private LocalChain(AnvilProcess anvil, EthRpcClient rpc, DeploymentManifest manifest, string manifestPath, WalletStore wallets)
    {
        Anvil = anvil;
        Rpc = rpc;
        Manifest = manifest;
        ManifestPath = manifestPath;
        Wallets = wallets;
        (Registry, Ledger, Token) = OvppContracts.Bind(rpc, manifest);
    }

    public AnvilProcess Anvil { get; }

    public EthRpcClient Rpc { get; }

    public DeploymentManifest Manifest { get; }

    public string ManifestPath { get; }

    public WalletStore Wallets { get; }

    public DeviceRegistryContract Registry { get; }

    public EpochLedgerContract Ledger { get; }

    public OvppTokenContract Token { get; }

    /// <summary>Starts anvil and deploys, or (with a state file that already holds a deployment) reuses the deployment.</summary>
    public static async Task<LocalChain> StartAsync(string dataDir, long firstEpoch, bool persistent, Action<string> progress, CancellationToken cancel)
    {
        Directory.CreateDirectory(dataDir);
        var manifestPath = Path.Combine(dataDir, DeploymentManifest.FileName);
        var wallets = new WalletStore(Path.Combine(dataDir, "wallets"));
        var anvil = await AnvilProcess.StartAsync(new AnvilOptions
        {
            ExecutablePath = AnvilLocator.Find(),
            StateFile = persistent ? Path.Combine(dataDir, "chain-state.json") : null,
            StateInterval = TimeSpan.FromSeconds(1),
        }, cancellationToken: cancel).ConfigureAwait(false);
        var rpc = anvil.CreateClient();
        try
        {
            foreach (var (name, index) in new[] { (AdminWallet, 0), (OracleWallet, 1) })
            {
                if (!wallets.Exists(name))
                {
                    wallets.Import(name, AnvilDevAccounts.PrivateKey(index));
                }
            }

            DeploymentManifest manifest;
            if (persistent && File.Exists(manifestPath) && await HasCodeAsync(rpc, DeploymentManifest.Load(manifestPath), cancel).ConfigureAwait(false))
            {
                manifest = DeploymentManifest.Load(manifestPath) with { Rpc = anvil.RpcUri.ToString() };
                progress($"chain: anvil at {anvil.RpcUri} (state restored), contracts from {manifestPath}");
            }
            else
            {
                progress($"chain: anvil at {anvil.RpcUri}; deploying the contracts");
                using var admin = new TransactionSender(rpc, wallets.Load(AdminWallet), anvil.ChainId, OvppArtifacts.SenderOptions);
                var cap = EmissionSchedule.MaxSupply(new RewardParameters());
                manifest = await OvppDeployer.DeployAsync(rpc, admin, wallets.Load(OracleWallet).Address, cap, firstEpoch, cancel).ConfigureAwait(false);
            }

            manifest.Save(manifestPath);
            return new LocalChain(anvil, rpc, manifest, manifestPath, wallets);
        }
        catch
        {
            rpc.Dispose();
            await anvil.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>A sender for a wallet of this chain.</summary>
    public TransactionSender Sender(string wallet) => new(Rpc, Wallets.Load(wallet), (ulong)Manifest.ChainId, OvppArtifacts.SenderOptions);

    /// <summary>Gives an account 10 ETH for gas (anvil only).</summary>
    public Task FundAsync(OpenVpp.Chain.Crypto.EthAddress account, CancellationToken cancel) =>
        new AnvilRpc(Rpc).SetBalanceAsync(account, BigInteger.Pow(10, 19), cancel);

    public async ValueTask DisposeAsync()
    {
        Rpc.Dispose();
        await Anvil.DisposeAsync().ConfigureAwait(false);
    }

    private static async Task<bool> HasCodeAsync(EthRpcClient rpc, DeploymentManifest manifest, CancellationToken cancel)
    {
        var code = await rpc.SendAsync("eth_getCode", [manifest.Contracts.EpochLedger, "latest"], cancel).ConfigureAwait(false);
        return code.GetString() is { Length: > 2 };
    }
}
