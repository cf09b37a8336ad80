using OpenVpp.Chain.Contracts;
using OpenVpp.Chain.Crypto;
using OpenVpp.Chain.Deployment;
using OpenVpp.Chain.Hosting;
using OpenVpp.Chain.Rpc;
using OpenVpp.Chain.Transactions;
using OpenVpp.Core.Rewards;

namespace OpenVpp.Node.Tests.Chain;

/// <summary>
/// One real anvil (node_modules/.bin/anvil, hardfork osaka) for the chain tests. They run one after another and each
/// deploys its own contracts, so they share the chain but no state. Senders are created per use: a test that reverts
/// a snapshot rewinds nonces, which a long-lived sender would not know about.
/// </summary>
public sealed class AnvilFixture : IAsyncLifetime
{
    /// <summary>Deploys the contracts and holds DEFAULT_ADMIN_ROLE.</summary>
    public const int AdminIndex = 0;

    /// <summary>Holds ORACLE_ROLE on the ledger; the node under test commits with its key.</summary>
    public const int OracleIndex = 1;

    private static readonly TransactionSenderOptions SenderOptions = new()
    {
        RevertDecoder = OvppArtifacts.RevertDecoder,
        ReceiptPollInterval = TimeSpan.FromMilliseconds(10),
    };

    private AnvilProcess? _anvil;
    private EthRpcClient? _rpc;

    public EthRpcClient Rpc => _rpc ?? throw new InvalidOperationException("anvil is not running.");

    public Uri RpcUri => _anvil?.RpcUri ?? throw new InvalidOperationException("anvil is not running.");

    public AnvilRpc Dev => new(Rpc);

    public static Secp256k1Key OracleKey => AnvilDevAccounts.Key(OracleIndex);

    /// <summary>A new sender for dev account <paramref name="index"/> (0..9); dispose it after use.</summary>
    public TransactionSender Sender(int index) =>
        new(Rpc, AnvilDevAccounts.Key(index), _anvil?.ChainId ?? throw new InvalidOperationException("anvil is not running."), SenderOptions);

    public async Task InitializeAsync()
    {
        _anvil = await AnvilProcess.StartAsync(new AnvilOptions { ExecutablePath = Path.Combine(RepositoryRoot(), "node_modules", ".bin", "anvil") });
        _rpc = _anvil.CreateClient();
    }

    public async Task DisposeAsync()
    {
        _rpc?.Dispose();
        if (_anvil is not null)
        {
            await _anvil.DisposeAsync();
        }
    }

    /// <summary>A fresh registry, token and ledger as <see cref="OvppDeployer"/> wires them: admin account 0, oracle account 1.</summary>
    internal async Task<Deployment> DeployAsync(long firstEpoch)
    {
        using var admin = Sender(AdminIndex);
        var manifest = await OvppDeployer.DeployAsync(Rpc, admin, OracleKey.Address, Ovpp.FromTokens(20_000_000), firstEpoch);
        return new Deployment(Rpc, manifest);
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "OpenVpp.slnx")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException($"No OpenVpp.slnx above {AppContext.BaseDirectory}.");
    }
}

[CollectionDefinition(Name)]
public sealed class SharedAnvil : ICollectionFixture<AnvilFixture>
{
    public const string Name = "anvil";
}

/// <summary>One deployment of the value layer and its typed bindings.</summary>
internal sealed class Deployment(EthRpcClient rpc, DeploymentManifest manifest)
{
    public DeploymentManifest Manifest { get; } = manifest;

    public DeviceRegistryContract Registry { get; } = new(rpc, EthAddress.Parse(manifest.Contracts.Registry));

    public EpochLedgerContract Ledger { get; } = new(rpc, EthAddress.Parse(manifest.Contracts.EpochLedger));

    public OvppTokenContract Token { get; } = new(rpc, EthAddress.Parse(manifest.Contracts.Token));

    /// <summary>Every EpochCommitted event of this ledger so far, as epoch numbers in block order.</summary>
    public async Task<IReadOnlyList<long>> CommittedEpochsAsync(EthRpcClient client)
    {
        var logs = await client.GetLogsAsync(new LogFilter
        {
            FromBlock = (ulong)Manifest.DeploymentBlock,
            ToBlock = await client.BlockNumberAsync(),
            Addresses = [Ledger.Address],
        });
        return [.. logs.Where(l => Ledger.IsEvent(l, EpochLedgerContract.EpochCommittedEvent))
            .Select(l => (long)(System.Numerics.BigInteger)Ledger.DecodeEvent(l, EpochLedgerContract.EpochCommittedEvent)[0]!)];
    }
}
